package org.ae4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class VsPytorchOptionsTest {

    private static VsPytorch.Options options(int torch, int openblas) {
        return new VsPytorch.Options(Path.of("data"), List.of(), 2, 1, 1, "python3", Path.of("reference"), torch, openblas, true, 2,
                Path.of("out"));
    }

    @Test
    void theDefaultGivesEachVariantPyTorchsFasterSetting() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(options(0, 0).peerThreads("conv")).isEqualTo(new VsPytorch.PeerThreads(cores, 1));
        assertThat(options(0, 0).peerThreads("vanilla")).isEqualTo(new VsPytorch.PeerThreads(1, cores));
        assertThat(options(0, 0).peerThreads("vae")).isEqualTo(new VsPytorch.PeerThreads(1, cores));
    }

    @Test
    void threadsAskedForAreUsedAsTheyAre() {
        assertThat(options(2, 1).peerThreads("vanilla")).isEqualTo(new VsPytorch.PeerThreads(2, 1));
        assertThat(options(3, 0).peerThreads("conv")).isEqualTo(new VsPytorch.PeerThreads(3, 1));
        assertThatThrownBy(() -> options(-1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--torch-threads and --openblas-threads must be >= 0");
    }
}
