package dev.modulo.contacts.web;

import java.util.List;
import java.util.Map;

import dev.modulo.accounts.AccountPrincipal;
import dev.modulo.contacts.ContactCard;
import dev.modulo.contacts.ContactDraft;
import dev.modulo.contacts.ContactNotFound;
import dev.modulo.contacts.ContactService;
import dev.modulo.contacts.ContactTypes;
import dev.modulo.platform.ChangedElsewhere;
import dev.modulo.platform.InvalidInput;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The Contacts tab: the list with its letters and search, a contact's page, and the form. */
@Controller
@RequestMapping("/contacts")
class ContactController {

    static final List<String> LETTERS = List.of("A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N",
            "O", "P", "Q", "R", "S", "T", "U", "V", "W", "X", "Y", "Z", "#");

    private final ContactService contacts;

    ContactController(ContactService contacts) {
        this.contacts = contacts;
    }

    @GetMapping
    Mono<Rendering> list(@AuthenticationPrincipal AccountPrincipal me,
            @RequestParam(name = "q", required = false) String query,
            @RequestParam(name = "letter", required = false) String letter, ServerWebExchange exchange) {
        boolean deleted = exchange.getRequest().getQueryParams().containsKey("deleted");
        boolean searching = query != null && !query.isBlank();
        var shown = searching ? contacts.search(me.accountId(), query) : contacts.list(me.accountId(), letter);
        return Mono.zip(shown.collectList(), contacts.count(me.accountId()))
                .map(found -> Rendering.view("contacts/list")
                        .modelAttribute("contacts", found.getT1())
                        .modelAttribute("total", found.getT2())
                        .modelAttribute("limit", ContactService.LIST_LIMIT)
                        .modelAttribute("searchLimit", ContactService.SEARCH_LIMIT)
                        .modelAttribute("query", searching ? query.strip() : "")
                        .modelAttribute("letter", searching || letter == null ? "" : letter)
                        .modelAttribute("letters", LETTERS)
                        .modelAttribute("deleted", deleted)
                        .build());
    }

    @GetMapping("/new")
    Rendering newContact() {
        return form(null, ContactDraft.empty(), null, Map.of(), HttpStatus.OK, "");
    }

    @PostMapping("/new")
    Mono<Rendering> create(@AuthenticationPrincipal AccountPrincipal me, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> {
            ContactDraft draft = ContactForms.draft(form);
            String adding = form.getFirst("add");
            if (adding != null) {
                return Mono.just(form(null, draft, adding, Map.of(), HttpStatus.OK, ""));
            }
            return contacts.create(me.accountId(), draft)
                    .map(saved -> Rendering.redirectTo("/contacts/" + saved.id()).build())
                    .onErrorResume(InvalidInput.class, invalid -> Mono.just(form(null, draft, null,
                            invalid.fieldErrors(), HttpStatus.BAD_REQUEST, "")));
        });
    }

    @GetMapping("/{id:\\d+}")
    Mono<Rendering> show(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id,
            ServerWebExchange exchange) {
        boolean merged = exchange.getRequest().getQueryParams().containsKey("merged");
        return showPage(me, id, merged, Map.of(), HttpStatus.OK);
    }

    /** A new photo from the plain upload form on the contact's page. */
    @PostMapping("/{id:\\d+}/photo")
    Mono<Rendering> uploadPhoto(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id,
            ServerWebExchange exchange) {
        return contacts.find(me.accountId(), id)
                .then(exchange.getMultipartData())
                .flatMap(parts -> {
                    FilePart file = parts.values().stream().flatMap(List::stream)
                            .filter(FilePart.class::isInstance).map(FilePart.class::cast)
                            .filter(part -> !part.filename().isEmpty())
                            .findFirst().orElse(null);
                    return file == null
                            ? Mono.error(InvalidInput.of("photo", "Choose a picture to upload."))
                            : contacts.setPhoto(me.accountId(), id, file.content());
                })
                .thenReturn(Rendering.redirectTo("/contacts/" + id).build())
                .onErrorResume(InvalidInput.class, invalid -> showPage(me, id, false, invalid.fieldErrors(),
                        HttpStatus.BAD_REQUEST));
    }

    @PostMapping("/{id:\\d+}/photo/delete")
    Mono<Rendering> removePhoto(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id) {
        return contacts.removePhoto(me.accountId(), id).thenReturn(Rendering.redirectTo("/contacts/" + id).build());
    }

    private Mono<Rendering> showPage(AccountPrincipal me, long id, boolean merged, Map<String, String> errors,
            HttpStatus status) {
        return contacts.card(me.accountId(), id).map(card -> Rendering.view("contacts/show")
                .modelAttribute("card", card)
                .modelAttribute("contact", card.contact())
                .modelAttribute("merged", merged)
                .modelAttribute("errors", errors)
                .status(status)
                .build());
    }

    @GetMapping("/{id:\\d+}/edit")
    Mono<Rendering> edit(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id) {
        return contacts.card(me.accountId(), id)
                .map(card -> form(card, ContactDraft.of(card), null, Map.of(), HttpStatus.OK,
                        Long.toString(card.contact().version())));
    }

    @PostMapping("/{id:\\d+}/edit")
    Mono<Rendering> update(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id,
            ServerWebExchange exchange) {
        return contacts.card(me.accountId(), id).flatMap(card -> exchange.getFormData().flatMap(form -> {
            ContactDraft draft = ContactForms.draft(form);
            String adding = form.getFirst("add");
            // The version the form was first shown with travels through "add another" too.
            String version = form.getFirst("version") == null ? "" : form.getFirst("version");
            if (adding != null) {
                return Mono.just(form(card, draft, adding, Map.of(), HttpStatus.OK, version));
            }
            return contacts.update(me.accountId(), id, draft,
                            version.isBlank() ? null : ChangedElsewhere.expectedVersion(version, -1))
                    .map(saved -> Rendering.redirectTo("/contacts/" + saved.id()).build())
                    .onErrorResume(InvalidInput.class, invalid -> Mono.just(form(card, draft, null,
                            invalid.fieldErrors(), HttpStatus.BAD_REQUEST, version)))
                    // What was typed stays, over the version saved meanwhile: saving again is a choice.
                    .onErrorResume(ChangedElsewhere.class, changed -> contacts.card(me.accountId(), id)
                            .map(now -> form(now, draft, null, ChangedElsewhere.formErrors(), HttpStatus.CONFLICT,
                                    Long.toString(now.contact().version()))));
        }));
    }

    @PostMapping("/{id:\\d+}/favourite")
    Mono<Rendering> favourite(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id,
            ServerWebExchange exchange) {
        return contacts.find(me.accountId(), id)
                .then(exchange.getFormData())
                .flatMap(form -> contacts.setFavourite(me.accountId(), id, "true".equals(form.getFirst("favourite"))))
                .map(contact -> Rendering.redirectTo("/contacts/" + contact.id()).build());
    }

    @GetMapping("/{id:\\d+}/delete")
    Mono<Rendering> confirmDelete(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id) {
        return contacts.find(me.accountId(), id)
                .map(contact -> Rendering.view("contacts/delete").modelAttribute("contact", contact).build());
    }

    @PostMapping("/{id:\\d+}/delete")
    Mono<Rendering> delete(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id) {
        return contacts.delete(me.accountId(), id).thenReturn(Rendering.redirectTo("/contacts?deleted").build());
    }

    @GetMapping("/{id:\\d+}/photo")
    Mono<ResponseEntity<byte[]>> photo(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id) {
        return contacts.photo(me.accountId(), id)
                .map(photo -> ResponseEntity.ok()
                        .contentType(MediaType.parseMediaType(photo.mediaType()))
                        .cacheControl(CacheControl.noCache().cachePrivate())
                        .header("X-Content-Type-Options", "nosniff")
                        .body(photo.bytes()))
                .switchIfEmpty(Mono.error(ContactNotFound::new));
    }

    @ExceptionHandler(ContactNotFound.class)
    Rendering notFound() {
        return Rendering.view("error/404").status(HttpStatus.NOT_FOUND).build();
    }

    /** The form, always with one empty row of each kind, and one more of the kind being added. */
    private static Rendering form(ContactCard card, ContactDraft draft, String adding, Map<String, String> errors,
            HttpStatus status, String version) {
        // Adding a row keeps the rows as sent (blank ones too) and adds one; otherwise one blank row of each kind.
        ContactDraft shown = adding != null
                ? draft.withEmptyRows(rows("email", adding), rows("phone", adding), rows("url", adding),
                        rows("address", adding))
                : draft.withoutBlankRows().withEmptyRows(1, 1, 1, 1);
        return Rendering.view("contacts/form")
                .modelAttribute("card", card)
                .modelAttribute("form", shown)
                .modelAttribute("types", ContactTypes.ALL)
                .modelAttribute("addressTypes", List.of(ContactTypes.HOME, ContactTypes.WORK, ContactTypes.OTHER,
                        ContactTypes.CUSTOM))
                .modelAttribute("adding", adding == null ? "" : adding)
                .modelAttribute("version", version)
                .modelAttribute("errors", errors)
                .status(status)
                .build();
    }

    private static int rows(String kind, String adding) {
        return kind.equals(adding) ? 1 : 0;
    }
}
