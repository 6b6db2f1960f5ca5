package dev.modulo.calendar.web;

import java.util.Map;

import dev.modulo.accounts.AccountPrincipal;
import dev.modulo.calendar.CalendarProperties;
import dev.modulo.calendar.CalendarService;
import dev.modulo.platform.Batches;
import dev.modulo.platform.ICalendarFiles;
import dev.modulo.platform.InvalidInput;
import dev.modulo.platform.ModuloProperties;
import dev.modulo.platform.UploadedFiles;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** iCalendar files in and out: import with a report, export, and the private subscription feed. */
@Controller
@RequestMapping("/calendar")
class CalendarFilesController {


    private final CalendarService calendar;
    private final CalendarProperties properties;
    private final ModuloProperties modulo;

    CalendarFilesController(CalendarService calendar, CalendarProperties properties, ModuloProperties modulo) {
        this.calendar = calendar;
        this.properties = properties;
        this.modulo = modulo;
    }

    @GetMapping("/import")
    Rendering importForm() {
        return importPage(Map.of(), HttpStatus.OK);
    }

    @PostMapping("/import")
    Mono<Rendering> importFile(@AuthenticationPrincipal AccountPrincipal me, ServerWebExchange exchange) {
        int limit = (int) properties.maxImportSize().toBytes();
        return exchange.getMultipartData()
                .flatMap(parts -> UploadedFiles.read(parts, "file", limit))
                .flatMap(bytes -> calendar.importCalendar(me.accountId(), bytes))
                .map(report -> Rendering.view("calendar/import-report").modelAttribute("report", report).build())
                .onErrorResume(InvalidInput.class, invalid -> Mono.just(importPage(invalid.fieldErrors(),
                        HttpStatus.BAD_REQUEST)));
    }

    @GetMapping("/export.ics")
    ResponseEntity<Flux<DataBuffer>> export(@AuthenticationPrincipal AccountPrincipal me) {
        return ResponseEntity.ok()
                .contentType(ICalendarFiles.MEDIA_TYPE)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename("modulo-calendar.ics").build().toString())
                .cacheControl(CacheControl.noStore())
                .body(calendar.export(me.accountId()));
    }

    @GetMapping("/subscribe")
    Mono<Rendering> subscribe(@AuthenticationPrincipal AccountPrincipal me) {
        return calendar.feedToken(me.accountId()).map(token -> {
            String https = modulo.link("/calendar/feed/" + token + ".ics");
            return Rendering.view("calendar/subscribe")
                    .modelAttribute("subscriptionUrl", https)
                    .modelAttribute("webcalUrl", https.replaceFirst("^https?://", "webcal://"))
                    .build();
        });
    }

    @PostMapping("/subscribe/regenerate")
    Mono<Rendering> regenerate(@AuthenticationPrincipal AccountPrincipal me) {
        return calendar.regenerateFeedToken(me.accountId())
                .thenReturn(Rendering.redirectTo("/calendar/subscribe").build());
    }

    /**
     * The subscription feed: public, because calendar apps fetch it without a session; the token
     * is the key. Its ETag comes from the database before anything is written, so the apps' polls
     * that find nothing new are answered 304 cheaply; a changed calendar streams as it is written.
     */
    @GetMapping("/feed/{token}.ics")
    Mono<ResponseEntity<Flux<DataBuffer>>> feed(@PathVariable String token, ServerWebExchange exchange) {
        return calendar.feedVersion(token)
                .map(version -> {
                    if (exchange.checkNotModified(version.etag())) {
                        return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(version.etag())
                                .<Flux<DataBuffer>>build();
                    }
                    return ResponseEntity.ok()
                            .contentType(ICalendarFiles.MEDIA_TYPE)
                            .eTag(version.etag())
                            .cacheControl(CacheControl.noCache().cachePrivate())
                            .header("X-Robots-Tag", "noindex")
                            .body(calendar.feed(version));
                })
                .defaultIfEmpty(ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_PLAIN)
                        .body(Flux.just(Batches.utf8(
                                "No calendar at this address. It may have been replaced by a new one."))));
    }

    private Rendering importPage(Map<String, String> errors, HttpStatus status) {
        return Rendering.view("calendar/import")
                .modelAttribute("errors", errors)
                .modelAttribute("maxMegabytes", properties.maxImportSize().toMegabytes())
                .status(status)
                .build();
    }
}
