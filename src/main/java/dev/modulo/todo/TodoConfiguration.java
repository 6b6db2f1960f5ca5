package dev.modulo.todo;

import dev.modulo.web.NavigationTab;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TodoConfiguration {

    @Bean
    NavigationTab todoTab() {
        return new NavigationTab("To-do", "/todo", 50);
    }
}
