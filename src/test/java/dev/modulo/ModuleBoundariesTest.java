package dev.modulo;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each top-level package is a module; only its top-level public types are its API. The build
 * fails when a module reaches into another's subpackages, or modules depend on each other in a cycle.
 */
class ModuleBoundariesTest {

    @Test
    void modulesOnlyUseEachOthersApi() {
        ApplicationModules modules = ApplicationModules.of(ModuloApplication.class);

        assertThat(modules.stream().map(module -> module.getIdentifier().toString())).contains("accounts", "platform", "web");
        modules.verify();
    }
}
