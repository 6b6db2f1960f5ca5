package dev.modulo.contacts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.modulo.contacts.ContactDraft.Entry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Phone numbers written any way become one E.164 form; names fold for sorting and searching. */
class ContactPhoneNumbersTest {

    @Test
    void numbersWrittenAnyWayBecomeE164InTheAccountsRegion() {
        for (String typed : List.of("+1 (415) 555-0100", "001 415 555 0100", "+14155550100")) {
            assertThat(PhoneNumbers.e164(typed, "DE")).as(typed).contains("+14155550100");
        }
        assertThat(PhoneNumbers.e164("415.555.0100", "US")).contains("+14155550100");
        assertThat(PhoneNumbers.e164("(415) 555-0100", "US")).contains("+14155550100");
        assertThat(PhoneNumbers.e164("1-415-555-0100", "US")).contains("+14155550100");
        for (String typed : List.of("004930 1234567", "030/1234567", "030 1234567", "+49 (0)30 1234567", "+49301234567")) {
            assertThat(PhoneNumbers.e164(typed, "DE")).as(typed).contains("+49301234567");
        }
        assertThat(PhoneNumbers.e164("020 7946 0958", "GB")).contains("+442079460958");
    }

    @Test
    void whatCannotBeReadStaysUnnormalised() {
        assertThat(PhoneNumbers.e164("call me maybe", "DE")).isEmpty();
        assertThat(PhoneNumbers.e164("12-34", "DE")).isEmpty();
        assertThat(PhoneNumbers.e164("", "DE")).isEmpty();
        assertThat(PhoneNumbers.e164("9".repeat(101), "DE")).isEmpty();
        assertThat(PhoneNumbers.e164("030 1234567", "ZZ")).isEmpty();
        assertThat(PhoneNumbers.e164("+49 30 1234567", null)).isEqualTo(Optional.of("+49301234567"));
    }

    @Test
    void onlyDigitsAndPhonePunctuationLookLikeAPhoneNumber() {
        assertThat(PhoneNumbers.looksLikePhone("+1 (415) 555-0100")).isTrue();
        assertThat(PhoneNumbers.looksLikePhone("030/1234567")).isTrue();
        assertThat(PhoneNumbers.looksLikePhone("415.555.0100")).isTrue();
        assertThat(PhoneNumbers.looksLikePhone("12")).isFalse();
        assertThat(PhoneNumbers.looksLikePhone("Studio 54")).isFalse();
    }

    @Test
    void namesFoldToLowerCaseWithoutAccentsAndFileUnderTheirLetter() {
        assertThat(ContactText.fold("  Émile   ZOLA ")).isEqualTo("emile zola");
        assertThat(ContactText.fold("Jürgen Müller-Straß")).isEqualTo("jurgen muller-stras");
        assertThat(ContactText.letterOf("emile zola")).isEqualTo("E");
        assertThat(ContactText.letterOf("42 pizza")).isEqualTo("#");
        assertThat(ContactText.letterOf("łukasz")).isEqualTo("#");
        // Searched words: folded, split at anything that is not a letter or a digit.
        assertThat(ContactSearch.split("Jürgen Müller-Straß, 100%_x")).containsExactly("jurgen", "muller", "stras", "100",
                "x");
    }

    @Test
    void checkingADraftNormalisesPhonesAndDropsControlCharacters() {
        ContactDraft draft = new ContactDraft("", "", "Ada\u0000", "", "Lovelace", "", "", "", "", "", "", "", "", false,
                List.of(new Entry("work", "", "ADA@Engine.example")),
                List.of(new Entry("mobile", "", "030/1234567"), new Entry("custom", "Boat", "+44 20 7946 0018"),
                        new Entry("home", "", "not a number")),
                List.of(), List.of());
        Map<String, String> errors = new LinkedHashMap<>();
        ContactRules.Checked checked = ContactRules.check(draft, "DE", errors);
        assertThat(errors).isEmpty();
        assertThat(checked.displayName()).isEqualTo("Ada Lovelace");
        assertThat(checked.details()).extracting(ContactRules.DetailRow::e164)
                .containsExactly(null, "+49301234567", "+442079460018", null);
        assertThat(checked.details()).extracting(ContactRules.DetailRow::searchValue)
                .containsExactly("ada@engine.example", "49301234567", "442079460018", "");
        assertThat(checked.details().get(2).label()).isEqualTo("Boat");
    }
}
