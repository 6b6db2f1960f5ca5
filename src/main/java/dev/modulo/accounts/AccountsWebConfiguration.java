package dev.modulo.accounts;

import java.util.List;

import dev.modulo.web.PublicPaths;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AccountsWebConfiguration {

    /** The landing page and everything a person needs before they are signed in. */
    @Bean
    PublicPaths accountsPublicPaths() {
        return () -> List.of("/", "/signup", "/login", "/verify-email", "/forgot-password", "/reset-password");
    }
}
