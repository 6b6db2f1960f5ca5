package dev.modulo.images.web;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.modulo.accounts.AccountPrincipal;
import dev.modulo.accounts.AccountService;
import dev.modulo.images.AlbumService;
import dev.modulo.images.ImageService;
import dev.modulo.images.ServedFile;
import dev.modulo.images.UploadResult;
import dev.modulo.platform.InvalidInput;
import dev.modulo.platform.ModuloProperties;
import dev.modulo.web.PageNumber;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The Images tab: the grid, uploads, an image's page, and its files. */
@Controller
@RequestMapping("/images")
class ImageController {

    private final ImageService images;
    private final AlbumService albums;
    private final AccountService accounts;
    private final ModuloProperties modulo;

    ImageController(ImageService images, AlbumService albums, AccountService accounts, ModuloProperties modulo) {
        this.images = images;
        this.albums = albums;
        this.accounts = accounts;
        this.modulo = modulo;
    }

    @GetMapping
    Mono<Rendering> grid(@AuthenticationPrincipal AccountPrincipal me, PageNumber page) {
        return grid(me, page, List.of(), HttpStatus.OK);
    }

    /** The plain form's upload: every file's outcome is listed above the grid. */
    @PostMapping(produces = MediaType.TEXT_HTML_VALUE)
    Mono<Rendering> upload(@AuthenticationPrincipal AccountPrincipal me, ServerWebExchange exchange) {
        return uploadAll(me, exchange)
                .flatMap(results -> grid(me, PageNumber.FIRST, results,
                        results.stream().allMatch(UploadResult::ok) ? HttpStatus.OK : HttpStatus.BAD_REQUEST));
    }

    /** The page script's upload, one file a request (for its progress bar): the outcome as JSON. */
    @PostMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Mono<ResponseEntity<List<UploadResult>>> uploadForScript(@AuthenticationPrincipal AccountPrincipal me,
            ServerWebExchange exchange) {
        return uploadAll(me, exchange)
                .map(results -> ResponseEntity.status(results.stream().allMatch(UploadResult::ok)
                        ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_ENTITY).body(results));
    }

    @GetMapping("/{id}")
    Mono<Rendering> show(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id,
            ServerWebExchange exchange) {
        boolean saved = exchange.getRequest().getQueryParams().containsKey("saved");
        return detail(me, id, Map.of(), saved, HttpStatus.OK);
    }

    @PostMapping("/{id}")
    Mono<Rendering> describe(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id,
            ServerWebExchange exchange) {
        return images.find(me.accountId(), id)
                .then(exchange.getFormData())
                .flatMap(form -> images.describe(me.accountId(), id, form.getFirst("caption"), form.getFirst("tags")))
                .map(image -> Rendering.redirectTo("/images/" + image.id() + "?saved").build())
                .onErrorResume(InvalidInput.class, invalid -> detail(me, id, invalid.fieldErrors(), false,
                        HttpStatus.BAD_REQUEST));
    }

    /** Puts the image into one of the person's albums. */
    @PostMapping("/{id}/albums")
    Mono<Rendering> addToAlbum(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id,
            ServerWebExchange exchange) {
        return exchange.getFormData()
                .flatMap(form -> albums.add(me.accountId(), albumIdIn(form), id))
                .thenReturn(Rendering.redirectTo("/images/" + id).build());
    }

    /** For the blog editor's picture picker: shares the picture and answers where it can be shown. */
    @PostMapping(path = "/{id}/share", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Mono<Map<String, String>> shareForScript(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id) {
        return albums.shareImage(me.accountId(), id)
                .map(image -> Map.of(
                        // Root-relative, so the post works under any host name; feeds make it absolute.
                        "url", "/shared/images/" + image.shareToken() + "/thumbnail/1280",
                        "alt", image.caption().isEmpty() ? image.originalName() : image.caption()));
    }

    @PostMapping(path = "/{id}/share", produces = MediaType.TEXT_HTML_VALUE)
    Mono<Rendering> share(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id) {
        return albums.shareImage(me.accountId(), id).thenReturn(Rendering.redirectTo("/images/" + id).build());
    }

    @PostMapping("/{id}/unshare")
    Mono<Rendering> unshare(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id) {
        return albums.unshareImage(me.accountId(), id).thenReturn(Rendering.redirectTo("/images/" + id).build());
    }

    @GetMapping("/{id}/delete")
    Mono<Rendering> confirmDelete(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id) {
        return images.find(me.accountId(), id)
                .map(image -> Rendering.view("images/delete").modelAttribute("image", image).build());
    }

    @PostMapping("/{id}/delete")
    Mono<Rendering> delete(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id) {
        return images.delete(me.accountId(), id).thenReturn(Rendering.redirectTo("/images?deleted").build());
    }

    /** The original, as a download; Range requests and conditional GETs are answered. */
    @GetMapping("/{id}/original")
    Mono<ResponseEntity<Resource>> original(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id) {
        return images.original(me.accountId(), id).map(file -> serve(file, CacheControl.noCache().cachePrivate())
                .header("Content-Disposition", ContentDisposition.attachment()
                        .filename(file.fileName(), StandardCharsets.UTF_8).build().toString())
                .body(file.resource()));
    }

    /** Thumbnails never change (their name is their content's hash), so browsers keep them for a year. */
    @GetMapping("/{id}/thumbnail/{size}")
    Mono<ResponseEntity<Resource>> thumbnail(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id,
            @PathVariable int size) {
        return images.thumbnail(me.accountId(), id, size).map(file -> serve(file,
                        CacheControl.maxAge(Duration.ofDays(365)).cachePrivate().immutable())
                .body(file.resource()));
    }

    private static ResponseEntity.BodyBuilder serve(ServedFile file, CacheControl cache) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.mediaType()))
                .eTag(file.etag())
                .cacheControl(cache);
    }

    private Mono<List<UploadResult>> uploadAll(AccountPrincipal me, ServerWebExchange exchange) {
        return exchange.getMultipartData()
                .flatMapMany(parts -> Flux.fromIterable(files(parts)))
                // One at a time: decoding several large photos at once would only contend for memory.
                .concatMap(file -> images.upload(me.accountId(), file.filename(), file.content()))
                .collectList()
                .map(results -> results.isEmpty()
                        ? List.of(UploadResult.nothingChosen())
                        : results);
    }

    private static List<FilePart> files(MultiValueMap<String, Part> parts) {
        List<Part> chosen = parts.getOrDefault("files", List.of());
        return chosen.stream()
                .filter(FilePart.class::isInstance)
                .map(FilePart.class::cast)
                .filter(file -> !file.filename().isEmpty())
                .toList();
    }

    private Mono<Rendering> grid(AccountPrincipal me, PageNumber page, List<UploadResult> results, HttpStatus status) {
        return images.list(me.accountId(), page.value())
                .map(found -> page.requireContent(found, found.images().isEmpty()))
                .zipWith(albums.albums(me.accountId()).collectList())
                .map(found -> Rendering.view("images/grid")
                        .modelAttribute("page", found.getT1())
                        .modelAttribute("albums", found.getT2())
                        .modelAttribute("results", results)
                        .modelAttribute("errors", Map.of())
                        .status(status)
                        .build());
    }

    private static long albumIdIn(MultiValueMap<String, String> form) {
        try {
            return Long.parseLong(String.valueOf(form.getFirst("albumId")));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private Mono<Rendering> detail(AccountPrincipal me, long id, Map<String, String> errors, boolean saved,
            HttpStatus status) {
        return Mono.zip(images.find(me.accountId(), id), accounts.find(me.accountId()),
                        albums.albums(me.accountId()).collectList(), albums.containing(me.accountId(), id).collectList())
                .map(found -> Rendering.view("images/detail")
                        .modelAttribute("image", found.getT1())
                        .modelAttribute("exif", found.getT1().exif())
                        .modelAttribute("zone", found.getT2().zone())
                        .modelAttribute("albums", found.getT3())
                        .modelAttribute("inAlbums", found.getT4())
                        .modelAttribute("shareUrl", found.getT1().isShared()
                                ? modulo.link("/shared/images/" + found.getT1().shareToken()) : "")
                        .modelAttribute("errors", errors)
                        .modelAttribute("saved", saved)
                        .status(status)
                        .build());
    }
}
