package dev.modulo.mailin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A plain SMTP conversation over a real socket, command by command, for the tests that look at
 * exact reply codes (550, 452, 552, 554) and at the connection staying usable afterwards.
 */
final class SmtpDialog implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    private final Reply greeting;

    SmtpDialog(int port) {
        this(port, null);
    }

    /** From a loopback address of its own ({@code 127.0.0.2}, …): another client, as the server sees it. */
    SmtpDialog(int port, String localAddress) {
        try {
            socket = new Socket();
            if (localAddress != null) {
                socket.bind(new InetSocketAddress(localAddress, 0));
            }
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(30_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            out = socket.getOutputStream();
            greeting = read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Reply greeting() {
        return greeting;
    }

    Reply command(String line) {
        try {
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** DATA, then the message (dot-stuffed, CRLF line ends) and the final dot: the reply to the message. */
    Reply data(byte[] message) {
        Reply go = command("DATA");
        if (go.code() != 354) {
            return go;
        }
        try {
            String text = new String(message, StandardCharsets.ISO_8859_1).replace("\r\n", "\n").replace("\n", "\r\n");
            if (!text.endsWith("\r\n")) {
                text += "\r\n";
            }
            text = text.replace("\r\n.", "\r\n..");
            if (text.startsWith(".")) {
                text = "." + text;
            }
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends part of a message after DATA, without ending it: the transaction stays open. */
    void write(byte[] part) {
        try {
            out.write(part);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends a message begun with DATA and {@link #write}: the reply to the message. */
    Reply endData() {
        try {
            out.write("\r\n.\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One whole message: MAIL, RCPT for each recipient (stopping at the first refusal), DATA. */
    Reply send(String from, byte[] message, String... recipients) {
        Reply mail = command("MAIL FROM:<" + from + ">");
        if (mail.code() != 250) {
            return mail;
        }
        for (String recipient : recipients) {
            Reply rcpt = command("RCPT TO:<" + recipient + ">");
            if (rcpt.code() != 250) {
                command("RSET");
                return rcpt;
            }
        }
        return data(message);
    }

    private Reply read() throws IOException {
        StringBuilder text = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null) {
            text.append(line.length() > 4 ? line.substring(4) : "").append('\n');
            if (line.length() < 4 || line.charAt(3) != '-') {
                return new Reply(Integer.parseInt(line.substring(0, 3)), text.toString().strip());
            }
        }
        throw new IOException("The server closed the connection");
    }

    /**
     * Sends {@code line} again and again, a little apart, until the server closes the connection
     * (a 421 or end of stream): true when it did within {@code rounds} commands.
     */
    boolean repeatUntilClosed(String line, int rounds, long pauseMillis) {
        for (int i = 0; i < rounds; i++) {
            try {
                if (command(line).code() == 421) {
                    return true;
                }
                Thread.sleep(pauseMillis);
            } catch (UncheckedIOException closed) {
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    @Override
    public void close() {
        try {
            if (!socket.isClosed()) {
                command("QUIT");
            }
        } catch (UncheckedIOException ignored) {
            // Already gone.
        } finally {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Nothing to do.
            }
        }
    }

    record Reply(int code, String text) {
    }
}
