package dev.modulo.images.web;

import java.util.List;
import java.util.Map;

import dev.modulo.accounts.AccountPrincipal;
import dev.modulo.images.AlbumService;
import dev.modulo.images.ImageService;
import dev.modulo.platform.ChangedElsewhere;
import dev.modulo.platform.InvalidInput;
import dev.modulo.platform.ModuloProperties;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Albums: create, rename, fill, cover, share and delete. */
@Controller
@RequestMapping("/images/albums")
class AlbumController {

    private final AlbumService albums;
    private final ImageService images;
    private final ModuloProperties modulo;

    AlbumController(AlbumService albums, ImageService images, ModuloProperties modulo) {
        this.albums = albums;
        this.images = images;
        this.modulo = modulo;
    }

    @PostMapping
    Mono<Rendering> create(@AuthenticationPrincipal AccountPrincipal me, ServerWebExchange exchange) {
        return exchange.getFormData()
                .flatMap(form -> albums.create(me.accountId(), form.getFirst("name")))
                .map(album -> Rendering.redirectTo("/images/albums/" + album.id()).build())
                .onErrorResume(InvalidInput.class, invalid -> images.list(me.accountId(), 1)
                        .zipWith(albums.albums(me.accountId()).collectList())
                        .map(found -> Rendering.view("images/grid")
                                .modelAttribute("page", found.getT1())
                                .modelAttribute("albums", found.getT2())
                                .modelAttribute("results", List.of())
                                .modelAttribute("errors", invalid.fieldErrors())
                                .status(HttpStatus.BAD_REQUEST)
                                .build()));
    }

    @GetMapping("/{id}")
    Mono<Rendering> show(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id,
            @RequestParam(name = "page", defaultValue = "1") int page) {
        return page(me, id, page, Map.of(), HttpStatus.OK);
    }

    @PostMapping("/{id}/rename")
    Mono<Rendering> rename(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id,
            ServerWebExchange exchange) {
        return albums.find(me.accountId(), id)
                .then(exchange.getFormData())
                .flatMap(form -> albums.rename(me.accountId(), id, form.getFirst("name"), version(form)))
                .map(album -> back(id))
                .onErrorResume(InvalidInput.class, invalid -> page(me, id, 1, invalid.fieldErrors(), HttpStatus.BAD_REQUEST))
                // The typed name stays, over the version saved meanwhile: renaming again is a choice.
                .onErrorResume(ChangedElsewhere.class, changed -> exchange.getFormData()
                        .flatMap(form -> page(me, id, 1, ChangedElsewhere.formErrors(), HttpStatus.CONFLICT,
                                String.valueOf(form.getFirst("name")))));
    }

    /** The version a form was shown with, or null when it has none. */
    private static Long version(MultiValueMap<String, String> form) {
        String typed = form.getFirst("version");
        return typed == null || typed.isBlank() ? null : ChangedElsewhere.expectedVersion(typed, -1);
    }

    @PostMapping("/{id}/cover")
    Mono<Rendering> cover(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id,
            ServerWebExchange exchange) {
        return imageIdIn(exchange).flatMap(imageId -> albums.setCover(me.accountId(), id, imageId)).thenReturn(back(id));
    }

    @PostMapping("/{id}/remove")
    Mono<Rendering> remove(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id,
            ServerWebExchange exchange) {
        return imageIdIn(exchange).flatMap(imageId -> albums.remove(me.accountId(), id, imageId)).thenReturn(back(id));
    }

    @PostMapping("/{id}/share")
    Mono<Rendering> share(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id) {
        return albums.share(me.accountId(), id).thenReturn(back(id));
    }

    @PostMapping("/{id}/unshare")
    Mono<Rendering> unshare(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id) {
        return albums.unshare(me.accountId(), id).thenReturn(back(id));
    }

    @GetMapping("/{id}/delete")
    Mono<Rendering> confirmDelete(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id) {
        return albums.find(me.accountId(), id)
                .map(album -> Rendering.view("images/album-delete").modelAttribute("album", album).build());
    }

    @PostMapping("/{id}/delete")
    Mono<Rendering> delete(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id) {
        return albums.delete(me.accountId(), id).thenReturn(Rendering.redirectTo("/images").build());
    }

    private Mono<Rendering> page(AccountPrincipal me, long id, int page, Map<String, String> errors,
            HttpStatus status) {
        return page(me, id, page, errors, status, null);
    }

    private Mono<Rendering> page(AccountPrincipal me, long id, int page, Map<String, String> errors,
            HttpStatus status, String typedName) {
        return albums.find(me.accountId(), id)
                .zipWith(albums.images(me.accountId(), id, page))
                .map(found -> Rendering.view("images/album")
                        .modelAttribute("album", found.getT1())
                        .modelAttribute("typedName", typedName == null ? found.getT1().name() : typedName)
                        .modelAttribute("images", found.getT2().items())
                        .modelAttribute("page", found.getT2())
                        .modelAttribute("shareUrl", found.getT1().isShared()
                                ? modulo.link("/shared/albums/" + found.getT1().shareToken()) : "")
                        .modelAttribute("errors", errors)
                        .status(status)
                        .build());
    }

    private static Rendering back(long albumId) {
        return Rendering.redirectTo("/images/albums/" + albumId).build();
    }

    /** The image named by a form; a missing or malformed id is simply an image that is not there. */
    static Mono<Long> imageIdIn(ServerWebExchange exchange) {
        return exchange.getFormData().map(AlbumController::imageId);
    }

    static long imageId(MultiValueMap<String, String> form) {
        try {
            return Long.parseLong(String.valueOf(form.getFirst("imageId")));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
