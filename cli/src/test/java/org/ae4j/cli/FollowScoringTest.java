package org.ae4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FollowScoringTest {

    @Test
    void aStreamGivesWholeLinesAsTheyArriveAndItsLastLineAtItsEnd() throws Exception {
        PipedOutputStream writer = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(writer, 1 << 16);
        try (FollowScoring.Lines lines = FollowScoring.Lines.of(in)) {
            writer.write("a,b\r\n1,2\n3,".getBytes(StandardCharsets.UTF_8));
            writer.flush();
            assertThat(lines.next()).isEqualTo("a,b");
            assertThat(lines.ready()).isTrue();
            assertThat(lines.next()).isEqualTo("1,2");
            assertThat(lines.ready()).as("half a line is not a line").isFalse();
            writer.write("4\n5,6".getBytes(StandardCharsets.UTF_8));
            writer.close();
            assertThat(lines.next()).isEqualTo("3,4");
            assertThat(lines.next()).as("the last line, without its break, at the end").isEqualTo("5,6");
            assertThat(lines.next()).isNull();
            assertThat(lines.ready()).isFalse();
        }
    }
}
