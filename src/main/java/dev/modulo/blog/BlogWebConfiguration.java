package dev.modulo.blog;

import java.util.List;

import dev.modulo.accounts.AccountDataOwner;
import dev.modulo.web.AnonymousForms;
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

    /** A reader's comment acts with no authority of theirs, and the page it is on is kept for everyone. */
    @Bean
    AnonymousForms comments() {
        return () -> List.of("/@*/*/*/*/comments");
    }

    /** Deleting an account: its blog's pages go from this instance's cache when the deletion commits. */
    @Bean
    AccountDataOwner publicPagesOfDeletedAccounts(PublicBlogPages publicPages) {
        return publicPages::changed;
    }

    /** Every public blog lives under {@code /@username}. */
    @Bean
    PublicPaths publicBlogs() {
        return () -> List.of("/@*", "/@*/**");
    }
}
