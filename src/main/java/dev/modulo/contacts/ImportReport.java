package dev.modulo.contacts;

import java.util.List;

/**
 * What became of each card of an imported file. The import is one transaction: when it
 * {@link #failed()}, nothing of the file was saved and {@code failure} says why.
 *
 * @param ourFault        the failure was Modulo's (the database refused), not the file's: try again later
 * @param duplicateGroups groups of contacts (after the import) that share an email or a phone number
 */
public record ImportReport(String fileName, int cardsRead, List<Line> imported, List<Line> merged,
        List<Line> skipped, String failure, boolean ourFault, int duplicateGroups) {

    /** One card: its place in the file, its name, the contact it became, and what to know about it. */
    public record Line(int cardNumber, String name, Long contactId, List<String> notes) {
    }

    static ImportReport failed(String fileName, String failure) {
        return new ImportReport(fileName, 0, List.of(), List.of(), List.of(), failure, false, 0);
    }

    static ImportReport notSaved(String fileName, String failure) {
        return new ImportReport(fileName, 0, List.of(), List.of(), List.of(), failure, true, 0);
    }

    /** The form was sent without a file. */
    public static ImportReport failedNoFile() {
        return failed("", "Choose a .vcf file to import.");
    }

    public boolean failed() {
        return failure != null;
    }
}
