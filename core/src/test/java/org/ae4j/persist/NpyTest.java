package org.ae4j.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class NpyTest {

    @Test
    void floatsRoundTripInCOrderWhateverTheArraysOrder() throws Exception {
        var fortran = Nd4j.create(new float[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, 'f');
        byte[] bytes = Npy.write(fortran);
        assertThat(header(bytes)).contains("'descr': '<f4'").contains("'shape': (2, 3)");
        assertThat(Npy.read(bytes, new long[] {2, 3}, "test")).isEqualTo(fortran.dup('c'));
    }

    @Test
    void intsAreWrittenAsLittleEndianInt32() {
        var order = Nd4j.createFromArray(new int[] {3, 0, 2, 1});
        byte[] bytes = Npy.write(order);
        String header = header(bytes);
        assertThat(header).contains("'descr': '<i4'").contains("'shape': (4,)");
        ByteBuffer data = ByteBuffer.wrap(bytes, body(bytes), 16).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new int[] {data.getInt(), data.getInt(), data.getInt(), data.getInt()}).containsExactly(3, 0, 2, 1);
        assertThat(bytes.length).isEqualTo(body(bytes) + 16);
        assertThat(body(bytes) % 64).as("the data starts 64-byte aligned").isZero();
    }

    @Test
    void otherTypesAreRefusedByName() {
        assertThatThrownBy(() -> Npy.write(Nd4j.create(DataType.LONG, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LONG");
    }

    private static int body(byte[] bytes) {
        return 10 + (bytes[8] & 0xFF | (bytes[9] & 0xFF) << 8);
    }

    private static String header(byte[] bytes) {
        return new String(bytes, 10, body(bytes) - 10, StandardCharsets.US_ASCII);
    }
}
