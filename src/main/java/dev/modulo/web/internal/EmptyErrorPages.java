package dev.modulo.web.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Queue;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * The last guard against blank error answers. Some requests are refused before any page can be
 * rendered: Reactor Netty answers 414, 431 or 400 itself for an address longer than
 * {@code server.netty.max-initial-line-length}, headers past {@code server.netty.max-header-size}
 * or a broken request line, and Spring answers 400 for an address that is not a valid URI; both
 * with an empty body. A handler just behind the HTTP codec gives any error answer that has no body
 * (to anything but HEAD) a short page in Modulo's layout saying what was wrong, so a person sees a
 * reason instead of a blank screen.
 */
@Component
class EmptyErrorPages implements NettyServerCustomizer {

    static final String HANDLER_NAME = "modulo.emptyErrorPages";

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, remoteAddress) -> {
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(NettyPipeline.HttpCodec) != null && pipeline.get(HANDLER_NAME) == null) {
                pipeline.addAfter(NettyPipeline.HttpCodec, HANDLER_NAME, new Handler());
            }
        });
    }

    /** One per connection: the methods of requests read and not yet answered, in order (pipelining). */
    static final class Handler extends ChannelDuplexHandler {

        private final Queue<HttpMethod> methods = new ArrayDeque<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            if (message instanceof HttpRequest request) {
                methods.add(request.method());
            }
            ctx.fireChannelRead(message);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
            if (message instanceof HttpResponse response
                    && response.status().codeClass() != HttpStatusClass.INFORMATIONAL) {
                HttpMethod method = methods.poll();
                if (response instanceof FullHttpResponse full && full.status().code() >= 400
                        && !full.content().isReadable() && !HttpMethod.HEAD.equals(method)) {
                    FullHttpResponse page = withPage(full);
                    full.release();
                    ctx.write(page, promise);
                    return;
                }
            }
            ctx.write(message, promise);
        }
    }

    static FullHttpResponse withPage(FullHttpResponse empty) {
        HttpResponseStatus status = empty.status();
        byte[] body = page(status).getBytes(StandardCharsets.UTF_8);
        FullHttpResponse page = new DefaultFullHttpResponse(empty.protocolVersion(), status,
                Unpooled.wrappedBuffer(body), empty.headers().copy(), empty.trailingHeaders().copy());
        page.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
        page.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/html;charset=UTF-8");
        page.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        page.headers().set("X-Content-Type-Options", "nosniff");
        page.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        return page;
    }

    static String message(HttpResponseStatus status) {
        return switch (status.code()) {
            case 400 -> "The request could not be read: the address or a header is not written the way browsers write"
                    + " them. Go back and follow a link instead.";
            case 414 -> "The address is too long for Modulo to read. Go back and follow a link, "
                    + "or use the page's form, instead of a very long address.";
            case 416 -> "The part of the file that was asked for does not exist. Download the whole file instead.";
            case 431 -> "The request's headers are too large for Modulo to read. "
                    + "Clearing this site's cookies in your browser usually helps.";
            default -> status.code() < 500 ? "The request was not accepted. Go back and try again."
                    : "Something went wrong on our side. Please try again in a moment.";
        };
    }

    /** A static page shaped like error/4xx.html: no template engine down here, the request never reached Spring. */
    static String page(HttpResponseStatus status) {
        String title = HtmlUtils.htmlEscape(status.code() + " " + status.reasonPhrase());
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                    <meta charset="utf-8">
                    <meta name="viewport" content="width=device-width, initial-scale=1">
                    <title>Request not accepted — Modulo</title>
                    <link rel="stylesheet" href="/css/modulo.css">
                </head>
                <body>
                <header class="site-header">
                    <a class="brand" href="/">
                        <img src="/img/favicon.svg" alt="" width="28" height="28"><span>Modulo</span>
                    </a>
                </header>
                <main class="narrow error-page">
                    <h1>%s</h1>
                    <p>%s</p>
                    <p><a href="/">Go to the front page</a></p>
                </main>
                </body>
                </html>
                """.formatted(title, HtmlUtils.htmlEscape(message(status)));
    }
}
