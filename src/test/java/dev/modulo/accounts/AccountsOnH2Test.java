package dev.modulo.accounts;

import dev.modulo.testing.ModuloIntegrationTest;

/** The accounts contract on the embedded default: an H2 file in this test run's data directory. */
@ModuloIntegrationTest
class AccountsOnH2Test extends AccountsContract {
}
