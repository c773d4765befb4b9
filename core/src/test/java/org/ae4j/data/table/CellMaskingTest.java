package org.ae4j.data.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.ae4j.config.ConfigCodec;
import org.ae4j.config.ModelConfig;
import org.ae4j.registry.CorePlugin;
import org.ae4j.registry.Registry;
import org.ae4j.spi.RandomSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CellMaskingTest {

    @Test
    void hidesWholeCellsAtTheFractionAndLeavesTheRestAsItWas() {
        int rows = 2000;
        float[] values = new float[rows * 5];
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 7 + 0.5f;
        }
        INDArray clean = Nd4j.createFromArray(values).reshape(rows, 5);
        INDArray before = clean.dup();
        float[] out = new CellMasking(0.3, List.of(1, 3, 1)).corrupt(clean, new RandomSource(4)).data().asFloat();
        assertThat(clean).isEqualTo(before);
        int hidden = 0;
        for (int r = 0; r < rows; r++) {
            int at = r * 5;
            boolean first = Float.isNaN(out[at + 1]);
            assertThat(Float.isNaN(out[at + 2])).as("row %d: a cell is hidden whole", r).isEqualTo(first);
            assertThat(Float.isNaN(out[at + 3])).isEqualTo(first);
            for (int j = 0; j < 5; j++) {
                if (!Float.isNaN(out[at + j])) {
                    assertThat(out[at + j]).isEqualTo(values[at + j]);
                }
            }
            hidden += (Float.isNaN(out[at]) ? 1 : 0) + (first ? 1 : 0) + (Float.isNaN(out[at + 4]) ? 1 : 0);
        }
        assertThat(hidden / (3.0 * rows)).isBetween(0.27, 0.33);
    }

    @Test
    void refusesCellsThatDoNotCoverTheRowAndBadFractions() {
        assertThatThrownBy(() -> new CellMasking(0.2, List.of(2, 2)).corrupt(Nd4j.zeros(3, 5), new RandomSource(1)))
                .hasMessage("cell-masking: its cells hold 4 features, but the rows have 5");
        assertThatThrownBy(() -> new CellMasking(1.0, List.of())).hasMessage("cell-masking fraction must be in [0, 1), got 1.0");
        assertThatThrownBy(() -> new CellMasking(0.1, List.of(1, 0))).hasMessageContaining("at least one feature");
    }

    @Test
    void isARegisteredCorruptionAConfigNamesAndKeeps() {
        Registry registry = org.ae4j.config.TinyVariant.REGISTRY;
        assertThat(Registry.of(List.of(new CorePlugin())).corruptionNames()).contains(CellMasking.TYPE);
        ConfigCodec codec = new ConfigCodec(registry);
        String json = "{\"variant\": \"tiny\", \"corruption\": {\"type\": \"cell-masking\", \"fraction\": 0.2, \"cells\": [1, 3]}}";
        ModelConfig config = codec.read(json, "test");
        assertThat(config.corruption()).contains(new CellMasking(0.2, List.of(1, 3)));
        assertThat(codec.read(codec.toJson(config), "again")).isEqualTo(config);
    }
}
