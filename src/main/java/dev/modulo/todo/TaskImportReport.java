package dev.modulo.todo;

import java.util.List;

/** What a VTODO import did: tasks added to the list, tasks left out with the reason, and things worth knowing. */
public record TaskImportReport(int imported, List<String> skipped, List<String> notes) {
}
