package dev.modulo.contacts.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.modulo.accounts.AccountPrincipal;
import dev.modulo.contacts.ContactNotFound;
import dev.modulo.contacts.ContactService;
import dev.modulo.contacts.ImportReport;
import dev.modulo.contacts.VCardFormat;
import dev.modulo.contacts.VCardService;
import dev.modulo.platform.InvalidInput;
import org.springframework.core.io.buffer.DataBuffer;
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
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** vCard import (with its report) and export, and merging duplicates. */
@Controller
@RequestMapping("/contacts")
class ContactTransferController {

    static final MediaType VCARD = new MediaType("text", "vcard", StandardCharsets.UTF_8);

    private final ContactService contacts;
    private final VCardService vcards;

    ContactTransferController(ContactService contacts, VCardService vcards) {
        this.contacts = contacts;
        this.vcards = vcards;
    }

    @GetMapping("/import")
    Rendering importPage() {
        return Rendering.view("contacts/import").modelAttribute("report", null).build();
    }

    /** Imports the chosen .vcf file and shows what became of every card. */
    @PostMapping("/import")
    Mono<Rendering> importFile(@AuthenticationPrincipal AccountPrincipal me, ServerWebExchange exchange) {
        return exchange.getMultipartData()
                .flatMap(parts -> {
                    FilePart file = fileIn(parts);
                    if (file == null) {
                        return Mono.just(ImportReport.failedNoFile());
                    }
                    return vcards.importFile(me.accountId(), file.filename(), file.content());
                })
                .map(report -> Rendering.view("contacts/import")
                        .modelAttribute("report", report)
                        .status(report.ourFault() ? HttpStatus.SERVICE_UNAVAILABLE
                                : report.failed() ? HttpStatus.BAD_REQUEST : HttpStatus.OK)
                        .build());
    }

    /** Every contact (or those with a tag) as one .vcf file, streamed as it is written. */
    @GetMapping("/export")
    ResponseEntity<Flux<DataBuffer>> exportAll(@AuthenticationPrincipal AccountPrincipal me,
            @RequestParam(name = "version", defaultValue = "3.0") String version,
            @RequestParam(name = "tag", required = false) String tag) {
        String name = tag == null || tag.isBlank() ? "contacts" : "contacts-" + tag.strip();
        return download(name).body(vcards.export(me.accountId(), tag, VCardFormat.of(version)));
    }

    @GetMapping("/{id:\\d+}/export")
    Mono<ResponseEntity<String>> exportOne(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id,
            @RequestParam(name = "version", defaultValue = "3.0") String version) {
        return vcards.exportOne(me.accountId(), id, VCardFormat.of(version)).map(text -> download("contact-" + id, text));
    }

    @GetMapping("/duplicates")
    Mono<Rendering> duplicates(@AuthenticationPrincipal AccountPrincipal me) {
        return duplicatesPage(me, Map.of(), HttpStatus.OK);
    }

    /** Merges the contacts given as {@code id} (form fields or query parameters). */
    @PostMapping("/merge")
    Mono<Rendering> merge(@AuthenticationPrincipal AccountPrincipal me, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> {
            List<Long> ids = ids(form, exchange.getRequest().getQueryParams());
            return contacts.merge(me.accountId(), ids)
                    .map(kept -> Rendering.redirectTo("/contacts/" + kept.id() + "?merged").build())
                    // Merged, the contact may be too much for one (more than 50 numbers, notes too long): say why.
                    .onErrorResume(InvalidInput.class, invalid -> duplicatesPage(me,
                            Map.of("merge", String.join(" ", invalid.fieldErrors().values())), HttpStatus.BAD_REQUEST));
        });
    }

    @ExceptionHandler(ContactNotFound.class)
    Rendering notFound() {
        return Rendering.view("error/404").status(HttpStatus.NOT_FOUND).build();
    }

    private Mono<Rendering> duplicatesPage(AccountPrincipal me, Map<String, String> errors, HttpStatus status) {
        return contacts.duplicates(me.accountId()).map(groups -> Rendering.view("contacts/duplicates")
                .modelAttribute("groups", groups)
                .modelAttribute("errors", errors)
                .status(status)
                .build());
    }

    private static List<Long> ids(MultiValueMap<String, String> form, MultiValueMap<String, String> query) {
        List<String> values = new ArrayList<>(form.getOrDefault("id", List.of()));
        values.addAll(query.getOrDefault("id", List.of()));
        List<Long> ids = new ArrayList<>();
        for (String value : values) {
            try {
                ids.add(Long.parseLong(value.strip()));
            } catch (NumberFormatException e) {
                throw new ContactNotFound();
            }
            if (ids.size() > 100) {
                break;
            }
        }
        return ids;
    }

    private static FilePart fileIn(MultiValueMap<String, Part> parts) {
        for (List<Part> values : parts.values()) {
            for (Part part : values) {
                if (part instanceof FilePart file && !file.filename().isEmpty()) {
                    return file;
                }
            }
        }
        return null;
    }

    private static ResponseEntity<String> download(String name, String text) {
        return download(name).body(text);
    }

    private static ResponseEntity.BodyBuilder download(String name) {
        return ResponseEntity.ok()
                .contentType(VCARD)
                .cacheControl(CacheControl.noStore())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Disposition", ContentDisposition.attachment()
                        .filename(name + ".vcf", StandardCharsets.UTF_8).build().toString());
    }
}
