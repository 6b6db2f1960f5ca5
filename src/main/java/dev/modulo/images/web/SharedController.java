package dev.modulo.images.web;


import dev.modulo.images.AlbumService;
import dev.modulo.images.Image;
import dev.modulo.images.ImageService;
import dev.modulo.images.ServedFile;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Share links: an album or an image for anyone who has the link, no account needed. A revoked
 * link is 404 at once; caches must ask again each time, so revocation is not delayed.
 */
@Controller
@RequestMapping("/shared")
class SharedController {

    private final AlbumService albums;
    private final ImageService images;

    SharedController(AlbumService albums, ImageService images) {
        this.albums = albums;
        this.images = images;
    }

    @GetMapping("/albums/{token}")
    Mono<Rendering> album(@PathVariable String token, ServerWebExchange exchange,
            @RequestParam(name = "page", defaultValue = "1") int page) {
        unlisted(exchange);
        return albums.sharedAlbum(token, page)
                .map(shared -> Rendering.view("images/shared-album")
                        .modelAttribute("album", shared.album())
                        .modelAttribute("images", shared.images().items())
                        .modelAttribute("page", shared.images())
                        .modelAttribute("count", shared.count())
                        .modelAttribute("token", token)
                        .build());
    }

    @GetMapping("/albums/{token}/{imageId}")
    Mono<Rendering> albumImage(@PathVariable String token, @PathVariable long imageId, ServerWebExchange exchange) {
        unlisted(exchange);
        return albums.sharedAlbumImage(token, imageId)
                .map(image -> sharedImagePage(image, "/shared/albums/" + token + "/" + image.id(),
                        "/shared/albums/" + token));
    }

    @GetMapping("/albums/{token}/{imageId}/thumbnail/{size}")
    Mono<ResponseEntity<Resource>> albumThumbnail(@PathVariable String token, @PathVariable long imageId,
            @PathVariable int size) {
        return albums.sharedAlbumImage(token, imageId).flatMap(image -> images.thumbnail(image, size)).map(this::inline);
    }

    @GetMapping("/albums/{token}/{imageId}/original")
    Mono<ResponseEntity<Resource>> albumOriginal(@PathVariable String token, @PathVariable long imageId) {
        return albums.sharedAlbumImage(token, imageId).flatMap(images::original).map(this::download);
    }

    @GetMapping("/images/{token}")
    Mono<Rendering> image(@PathVariable String token, ServerWebExchange exchange) {
        unlisted(exchange);
        return albums.sharedImage(token).map(image -> sharedImagePage(image, "/shared/images/" + token, null));
    }

    @GetMapping("/images/{token}/thumbnail/{size}")
    Mono<ResponseEntity<Resource>> imageThumbnail(@PathVariable String token, @PathVariable int size) {
        return albums.sharedImage(token).flatMap(image -> images.thumbnail(image, size)).map(this::inline);
    }

    @GetMapping("/images/{token}/original")
    Mono<ResponseEntity<Resource>> imageOriginal(@PathVariable String token) {
        return albums.sharedImage(token).flatMap(images::original).map(this::download);
    }

    private static Rendering sharedImagePage(Image image, String base, String albumPath) {
        Rendering.Builder<?> page = Rendering.view("images/shared-image")
                .modelAttribute("image", image)
                .modelAttribute("base", base);
        if (albumPath != null) {
            page.modelAttribute("albumPath", albumPath);
        }
        return page.build();
    }

    /**
     * Public (any cache may keep it, and Modulo's own page cache does for single shared pictures),
     * but always revalidated: a share that stops must stop showing.
     */
    private ResponseEntity<Resource> inline(ServedFile file) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.mediaType()))
                .eTag(file.etag())
                .cacheControl(CacheControl.noCache().cachePublic())
                .header("X-Robots-Tag", "noindex")
                .body(file.resource());
    }

    private ResponseEntity<Resource> download(ServedFile file) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.mediaType()))
                .eTag(file.etag())
                .cacheControl(CacheControl.noCache())
                .header("X-Robots-Tag", "noindex")
                .header("Content-Disposition", org.springframework.http.ContentDisposition.attachment()
                        .filename(file.fileName(), java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .body(file.resource());
    }

    /** Shared pages are for whoever has the link, not for search engines; caches must revalidate. */
    private static void unlisted(ServerWebExchange exchange) {
        exchange.getResponse().getHeaders().add("X-Robots-Tag", "noindex");
        exchange.getResponse().getHeaders().setCacheControl(CacheControl.noCache().cachePrivate().getHeaderValue());
    }

}
