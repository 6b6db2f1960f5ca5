package dev.modulo.contacts;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * One email address, phone number or web address of a contact.
 *
 * @param kind        EMAIL, PHONE or URL
 * @param type        home, work, mobile, other or custom (then {@code label} names it)
 * @param detailValue what was typed or imported
 * @param e164        a phone number in E.164 when it could be read; null when it is not normalised
 * @param searchValue lower-cased address, or a phone number's digits
 */
@Table
public record ContactDetail(
        @Id Long id,
        long accountId,
        long contactId,
        String kind,
        String type,
        String label,
        String detailValue,
        String e164,
        String searchValue,
        int position) {

    public static final String EMAIL = "EMAIL";
    public static final String PHONE = "PHONE";
    public static final String URL = "URL";

    /** What to show as its type: the custom label, or the type's name. */
    public String typeName() {
        return ContactTypes.describe(type, label);
    }

    /** A phone number that could not be read as a valid number in the account's country. */
    public boolean notNormalised() {
        return PHONE.equals(kind) && e164 == null;
    }
}
