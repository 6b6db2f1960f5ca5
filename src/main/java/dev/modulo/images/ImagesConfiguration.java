package dev.modulo.images;

import dev.modulo.accounts.AccountDataOwner;
import dev.modulo.platform.ModuloProperties;
import dev.modulo.web.NavigationTab;
import dev.modulo.web.PublicPaths;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

@Configuration(proxyBeanMethods = false)
class ImagesConfiguration {

    /** Blobs live under the data directory, beside the database file. */
    @Bean
    BlobStore blobStore(ModuloProperties modulo) {
        return new FileSystemBlobStore(modulo.dataDir().resolve("blobs"));
    }

    /** One budget for the whole process: every upload's decoding shares it. */
    @Bean
    DecodeBudget decodeBudget(ImagesProperties properties) {
        return new DecodeBudget(properties.decodeMemoryBytes(), properties.decodeWait());
    }

    @Bean
    NavigationTab imagesTab() {
        return new NavigationTab("Images", "/images", 20);
    }

    /** Share links open without an account. */
    @Bean
    PublicPaths sharedImages() {
        return () -> java.util.List.of("/shared/**");
    }

    /** Every hour, files no image has used for a day go. */
    @Bean
    BlobSweeper blobSweeper(ImageService images) {
        return new BlobSweeper(images);
    }

    /** Deleting an account deletes its images' files too, unless another account keeps the same bytes. */
    @Bean
    AccountDataOwner imagesOfDeletedAccounts(ImageService images) {
        return new AccountDataOwner() {
            @Override
            public Mono<Void> deleteAllFor(long accountId) {
                return images.deleteAllFor(accountId);
            }
        };
    }
}
