package dev.modulo.blog;

import org.springframework.data.repository.reactive.ReactiveCrudRepository;

/** Keyed by the account id itself. */
interface BlogSettingsRows extends ReactiveCrudRepository<BlogSettings, Long> {
}
