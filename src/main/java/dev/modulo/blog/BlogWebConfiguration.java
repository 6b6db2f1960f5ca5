package dev.modulo.blog;

import java.util.List;

import dev.modulo.web.NavigationTab;
import dev.modulo.web.PublicPaths;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class BlogWebConfiguration {

    @Bean
    NavigationTab blogTab() {
        return new NavigationTab("Blog", "/blog", 10);
    }

    /** Every public blog lives under {@code /@username}. */
    @Bean
    PublicPaths publicBlogs() {
        return () -> List.of("/@*", "/@*/**");
    }
}
