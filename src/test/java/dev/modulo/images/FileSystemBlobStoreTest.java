package dev.modulo.images;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.modulo.images.BlobStoreContract.chunks;
import static org.assertj.core.api.Assertions.assertThat;

class FileSystemBlobStoreTest implements BlobStoreContract {

    @TempDir
    Path root;

    FileSystemBlobStore store;

    @Override
    public BlobStore store() {
        if (store == null) {
            store = new FileSystemBlobStore(root);
        }
        return store;
    }

    @Test
    void blobsAreFilesTwoFoldersDeepAndStagingEmptiesAfterwards() throws Exception {
        BlobStore.StagedBlob staged = store().stage(chunks("on disk"), 100).block();
        store().keep(staged).block();

        String hash = staged.sha256();
        assertThat(root.resolve(hash.substring(0, 2)).resolve(hash.substring(2, 4)).resolve(hash)).hasContent("on disk");
        try (var leftovers = Files.list(root.resolve("staging"))) {
            assertThat(leftovers).isEmpty();
        }
    }

    @Test
    void aTooLargeUploadLeavesNoStagingFile() throws Exception {
        store().stage(chunks("0123456789", "0123456789"), 15).onErrorComplete().block();

        try (var leftovers = Files.list(root.resolve("staging"))) {
            assertThat(leftovers).isEmpty();
        }
    }
}
