package dev.modulo.contacts;

import dev.modulo.web.NavigationTab;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ContactsConfiguration {

    @Bean
    NavigationTab contactsTab() {
        return new NavigationTab("Contacts", "/contacts", 30);
    }
}
