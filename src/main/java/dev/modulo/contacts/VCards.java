package dev.modulo.contacts;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import dev.modulo.contacts.ContactDraft.AddressEntry;
import dev.modulo.contacts.ContactDraft.Entry;
import dev.modulo.contacts.ContactTypes.Typed;
import ezvcard.Ezvcard;
import ezvcard.VCard;
import ezvcard.VCardVersion;
import ezvcard.io.ParseWarning;
import ezvcard.parameter.AddressType;
import ezvcard.parameter.EmailType;
import ezvcard.parameter.ImageType;
import ezvcard.parameter.TelephoneType;
import ezvcard.property.Address;
import ezvcard.property.Anniversary;
import ezvcard.property.Birthday;
import ezvcard.property.Categories;
import ezvcard.property.DateOrTimeProperty;
import ezvcard.property.Email;
import ezvcard.property.Nickname;
import ezvcard.property.Note;
import ezvcard.property.Organization;
import ezvcard.property.Photo;
import ezvcard.property.RawProperty;
import ezvcard.property.StructuredName;
import ezvcard.property.Telephone;
import ezvcard.property.Uid;
import ezvcard.property.Url;
import ezvcard.property.VCardProperty;
import ezvcard.util.PartialDate;
import net.coobird.thumbnailator.Thumbnails;

/**
 * The vCard codec over ez-vcard: reads version 2.1, 3.0 and 4.0 as Google Contacts, Apple
 * Contacts, Outlook and Thunderbird write them (item-grouped {@code X-ABLabel} labels, inline
 * base64 photos, folded lines, quoted-printable fields with a charset), and writes 3.0 or 4.0.
 * Everything here blocks (parsing, image decoding): call it on the blocking scheduler.
 */
final class VCards {

    static final int PHOTO_SIDE = 160;
    static final long MAX_PHOTO_PIXELS = 25_000_000L;
    private static final int KEEP_PHOTO_AS_IS = 64 * 1024;
    private static final Pattern BEGIN = Pattern.compile("(?im)^BEGIN:VCARD\\s*$");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final Pattern COMPACT_DATE = Pattern.compile("(\\d{4})-?(\\d{2})-?(\\d{2}).*");
    private static final Pattern YEARLESS = Pattern.compile("--(\\d{2})-?(\\d{2})");
    private static final Set<String> NOT_A_KIND = Set.of("pref", "internet", "x-internet", "voice", "x400", "dom",
            "intl", "postal", "parcel", "text", "msg", "main-number");
    private static final List<String> ANNIVERSARY_PROPERTIES = List.of("X-ANNIVERSARY", "X-MS-ANNIVERSARY",
            "X-EVOLUTION-ANNIVERSARY");

    private VCards() {
    }

    /** The file as a whole cannot be imported (not vCards, too many of them): nothing is. */
    static final class UnreadableFile extends RuntimeException {
        UnreadableFile(String message) {
            super(message);
        }
    }

    /** One card of a file, read into a draft; {@code notes} say what was left out or changed on the way. */
    record ReadCard(int number, ContactDraft draft, String uid, byte[] photo, List<String> notes) {
    }

    /** A contact to write, with its photo bytes (or null). */
    record WritableCard(ContactCard card, byte[] photo) {
    }

    // Reading

    static List<ReadCard> read(byte[] file, int maxCards, long maxPhotoBytes) {
        String text = decode(file);
        int declared = count(text);
        if (declared == 0) {
            throw new UnreadableFile("This is not a vCard file: it holds no BEGIN:VCARD line. Export your contacts "
                    + "as vCard (.vcf) and choose that file.");
        }
        if (declared > maxCards) {
            throw new UnreadableFile("This file holds " + declared + " cards; at most " + maxCards
                    + " can be imported at once. Split it into smaller files.");
        }
        List<VCard> cards;
        List<List<ParseWarning>> warnings = new ArrayList<>();
        try {
            cards = Ezvcard.parse(text).warnings(warnings).all();
        } catch (RuntimeException e) {
            throw new UnreadableFile("This vCard file could not be read: " + e.getMessage());
        }
        if (cards.isEmpty()) {
            throw new UnreadableFile("No card in this file could be read.");
        }
        if (cards.size() < declared) {
            // ez-vcard reads the cards after an unclosed one as nested in it: they would vanish without a word.
            throw new UnreadableFile("Only " + cards.size() + " of the " + declared + " cards in this file could be "
                    + "read; a card is probably missing its END:VCARD line. Nothing was imported.");
        }
        List<ReadCard> read = new ArrayList<>();
        int number = 0;
        for (VCard card : cards) {
            ReadCard one = readCard(++number, card, maxPhotoBytes);
            if (number - 1 < warnings.size()) {
                for (ParseWarning warning : warnings.get(number - 1)) {
                    // Dates are read again below, with a message of their own.
                    String property = warning.getPropertyName() == null ? "" : warning.getPropertyName();
                    if (!property.equalsIgnoreCase("BDAY") && !property.equalsIgnoreCase("ANNIVERSARY")) {
                        one.notes().add("Part of the card could not be read"
                                + (property.isEmpty() ? "" : " (" + property + ")") + ": " + warning.getMessage());
                    }
                }
            }
            read.add(one);
        }
        return read;
    }

    /** UTF-8 when the bytes are valid UTF-8 (most files), else Windows-1252 (older Outlook exports). */
    static String decode(byte[] bytes) {
        int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        ByteBuffer buffer = ByteBuffer.wrap(bytes, start, bytes.length - start);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(buffer)
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, start, bytes.length - start, Charset.forName("windows-1252"));
        }
    }

    static int count(String text) {
        Matcher begin = BEGIN.matcher(text);
        int count = 0;
        while (begin.find()) {
            count++;
        }
        return count;
    }

    private static ReadCard readCard(int number, VCard card, long maxPhotoBytes) {
        List<String> notes = new ArrayList<>();
        Map<String, String> labels = labels(card);

        StructuredName n = card.getStructuredName();
        String fn = card.getFormattedName() == null ? "" : nz(card.getFormattedName().getValue());
        Nickname nick = card.getNickname();
        Organization org = card.getOrganization();
        String organization = org == null ? "" : org.getValues().stream().filter(v -> v != null && !v.isBlank())
                .map(String::strip).collect(Collectors.joining(", "));
        String title = card.getTitles().isEmpty() ? "" : nz(card.getTitles().get(0).getValue());

        List<Entry> emails = new ArrayList<>();
        for (Email email : card.getEmails()) {
            String value = nz(email.getValue()).strip();
            if (value.isEmpty()) {
                continue;
            }
            if (value.regionMatches(true, 0, "mailto:", 0, 7)) {
                value = value.substring(7);
            }
            if (!EMAIL.matcher(value).matches() && value.length() <= ContactRules.MAX_EMAIL) {
                notes.add("“" + value + "” is not an email address; it was left out.");
                continue;
            }
            Typed type = typeOf(email, labels, notes);
            emails.add(new Entry(type.type(), type.label(), value));
        }
        List<Entry> phones = new ArrayList<>();
        for (Telephone phone : card.getTelephoneNumbers()) {
            String value = phone.getText() != null ? phone.getText()
                    : phone.getUri() != null ? phone.getUri().getNumber() : "";
            if (nz(value).isBlank()) {
                continue;
            }
            Typed type = typeOf(phone, labels, notes);
            phones.add(new Entry(type.type(), type.label(), value.strip()));
        }
        List<Entry> urls = new ArrayList<>();
        for (Url url : card.getUrls()) {
            String value = nz(url.getValue()).strip();
            if (value.isEmpty()) {
                continue;
            }
            Typed type = typeOf(url, labels, notes);
            urls.add(new Entry(type.type(), type.label(), value));
        }
        List<AddressEntry> addresses = new ArrayList<>();
        for (Address address : card.getAddresses()) {
            Typed type = typeOf(address, labels, notes);
            addresses.add(new AddressEntry(type.type(), type.label(), String.join("\n", address.getStreetAddresses()),
                    nz(address.getLocality()), nz(address.getRegion()), nz(address.getPostalCode()),
                    nz(address.getCountry())));
        }

        String birthday = card.getBirthday() != null ? date(card.getBirthday(), "birthday", notes)
                : unparsed(card, "BDAY", "birthday", notes);
        String anniversary = anniversary(card, labels, notes);
        String notesText = card.getNotes().stream().map(Note::getValue).filter(Objects::nonNull).map(String::strip)
                .filter(v -> !v.isEmpty()).collect(Collectors.joining("\n\n"));

        // Google marks starred contacts with the group "starred", and every contact with "myContacts".
        Set<String> tags = new LinkedHashSet<>();
        boolean favourite = false;
        for (Categories categories : card.getCategoriesList()) {
            for (String value : categories.getValues()) {
                String tag = nz(value).strip();
                if (tag.equalsIgnoreCase("starred")) {
                    favourite = true;
                } else if (!tag.isEmpty() && !tag.equalsIgnoreCase("myContacts")) {
                    tags.add(tag);
                }
            }
        }

        ContactDraft draft = new ContactDraft(fn,
                n == null ? "" : String.join(" ", n.getPrefixes()),
                n == null ? "" : nz(n.getGiven()),
                n == null ? "" : String.join(" ", n.getAdditionalNames()),
                n == null ? "" : nz(n.getFamily()),
                n == null ? "" : String.join(" ", n.getSuffixes()),
                nick == null ? "" : String.join(", ", nick.getValues()),
                organization, title, birthday == null ? "" : birthday, anniversary == null ? "" : anniversary,
                notesText, String.join(",", tags), favourite, emails, phones, urls, addresses);
        String uid = card.getUid() == null ? null : ContactRules.clean(card.getUid().getValue());
        return new ReadCard(number, draft, uid == null || uid.isBlank() || uid.length() > 200 ? null : uid.strip(),
                photo(card, maxPhotoBytes, notes), notes);
    }

    /** Apple and Google give a property a label through a grouped X-ABLabel: {@code item1.X-ABLabel:Mobile}. */
    private static Map<String, String> labels(VCard card) {
        Map<String, String> labels = new HashMap<>();
        for (RawProperty label : card.getExtendedProperties()) {
            if ("X-ABLabel".equalsIgnoreCase(label.getPropertyName()) && label.getGroup() != null) {
                labels.put(label.getGroup().toLowerCase(Locale.ROOT), nz(label.getValue()));
            }
        }
        return labels;
    }

    private static Typed typeOf(VCardProperty property, Map<String, String> labels, List<String> notes) {
        if (property.getGroup() != null) {
            String label = labels.get(property.getGroup().toLowerCase(Locale.ROOT));
            if (label != null && !label.isBlank()) {
                return ContactTypes.fromLabel(label);
            }
        }
        List<String> types = new ArrayList<>();
        for (String type : property.getParameters("TYPE")) {
            for (String part : type.split(",")) {
                String clean = part.strip().toLowerCase(Locale.ROOT);
                if (!clean.isEmpty() && !NOT_A_KIND.contains(clean) && !types.contains(clean)) {
                    types.add(clean);
                }
            }
        }
        if (property instanceof Url url && url.getType() != null && types.isEmpty()) {
            types.add(url.getType().toLowerCase(Locale.ROOT));
        }
        if (types.isEmpty()) {
            return new Typed(ContactTypes.OTHER, "");
        }
        if (types.contains("cell") || types.contains("mobile") || types.contains("iphone")) {
            return new Typed(ContactTypes.MOBILE, "");
        }
        if (types.contains("fax") || types.contains("pager")) {
            String kind = types.contains("fax") ? "fax" : "pager";
            String where = types.contains("home") ? "home " : types.contains("work") ? "work " : "";
            return new Typed(ContactTypes.CUSTOM, where + kind);
        }
        for (String known : List.of("home", "work", "other")) {
            if (types.contains(known)) {
                return new Typed(known, "");
            }
        }
        String unknown = types.get(0).startsWith("x-") ? types.get(0).substring(2) : types.get(0);
        if (unknown.length() > ContactRules.MAX_LABEL) {
            unknown = unknown.substring(0, ContactRules.MAX_LABEL);
        }
        notes.add("The type “" + types.get(0) + "” is not one Modulo knows; it is kept as the label “" + unknown + "”.");
        return new Typed(ContactTypes.CUSTOM, unknown);
    }

    private static String date(DateOrTimeProperty property, String what, List<String> notes) {
        if (property == null) {
            return null;
        }
        Temporal temporal = property.getDate();
        if (temporal != null) {
            LocalDate date = null;
            if (temporal instanceof LocalDate local) {
                date = local;
            } else if (temporal instanceof LocalDateTime local) {
                date = local.toLocalDate();
            } else if (temporal instanceof OffsetDateTime offset) {
                date = offset.toLocalDate();
            } else if (temporal instanceof ZonedDateTime zoned) {
                date = zoned.toLocalDate();
            }
            if (date != null) {
                // Apple writes a birthday without a year as 1604 with X-APPLE-OMIT-YEAR.
                if (property.getParameter("X-APPLE-OMIT-YEAR") != null
                        && property.getParameter("X-APPLE-OMIT-YEAR").equals(Integer.toString(date.getYear()))) {
                    return String.format("--%02d-%02d", date.getMonthValue(), date.getDayOfMonth());
                }
                return date.toString();
            }
        }
        PartialDate partial = property.getPartialDate();
        if (partial != null && partial.getMonth() != null && partial.getDate() != null) {
            return partial.getYear() == null
                    ? checked(String.format("--%02d-%02d", partial.getMonth(), partial.getDate()), what, notes)
                    : checked(String.format("%04d-%02d-%02d", partial.getYear(), partial.getMonth(), partial.getDate()),
                            what, notes);
        }
        return text(property.getText(), what, notes);
    }

    private static String anniversary(VCard card, Map<String, String> labels, List<String> notes) {
        Anniversary anniversary = card.getAnniversary();
        if (anniversary != null) {
            return date(anniversary, "anniversary", notes);
        }
        if (!card.getExtendedProperties("ANNIVERSARY").isEmpty()) {
            return unparsed(card, "ANNIVERSARY", "anniversary", notes);
        }
        for (String name : ANNIVERSARY_PROPERTIES) {
            for (RawProperty raw : card.getExtendedProperties(name)) {
                return text(raw.getValue(), "anniversary", notes);
            }
        }
        for (RawProperty raw : card.getExtendedProperties("X-ABDATE")) {
            String label = raw.getGroup() == null ? null : labels.get(raw.getGroup().toLowerCase(Locale.ROOT));
            if (label != null && label.toLowerCase(Locale.ROOT).contains("anniversary")) {
                return text(raw.getValue(), "anniversary", notes);
            }
        }
        return null;
    }

    /** A date ez-vcard could not read kept its property as a raw one: read it as text, or say why it is left out. */
    private static String unparsed(VCard card, String property, String what, List<String> notes) {
        for (RawProperty raw : card.getExtendedProperties(property)) {
            return text(raw.getValue(), what, notes);
        }
        return null;
    }

    /** A date written as text: 1985-04-15, 19850415, --04-15 or --0415. */
    private static String text(String value, String what, List<String> notes) {
        String typed = nz(value).strip();
        if (typed.isEmpty()) {
            return null;
        }
        Matcher yearless = YEARLESS.matcher(typed);
        if (yearless.matches()) {
            return checked("--" + yearless.group(1) + "-" + yearless.group(2), what, notes);
        }
        Matcher full = COMPACT_DATE.matcher(typed);
        if (full.matches()) {
            return checked(full.group(1) + "-" + full.group(2) + "-" + full.group(3), what, notes);
        }
        notes.add("The " + what + " “" + shorten(typed) + "” is not a date; it was left out.");
        return null;
    }

    private static String checked(String iso, String what, List<String> notes) {
        try {
            if (iso.startsWith("--")) {
                java.time.MonthDay.parse(iso);
            } else {
                LocalDate.parse(iso);
            }
            return iso;
        } catch (java.time.DateTimeException e) {
            notes.add("The " + what + " “" + iso + "” is not a date; it was left out.");
            return null;
        }
    }

    private static byte[] photo(VCard card, long maxPhotoBytes, List<String> notes) {
        for (Photo photo : card.getPhotos()) {
            byte[] data = photo.getData();
            if (data == null) {
                if (photo.getUrl() != null) {
                    notes.add("The photo is a link to elsewhere; only photos inside the card are imported.");
                }
                continue;
            }
            if (data.length > maxPhotoBytes) {
                notes.add("The photo is " + data.length / 1024 + " KB, more than the " + maxPhotoBytes / 1024
                        + " KB accepted; it was left out.");
                return null;
            }
            byte[] thumbnail = thumbnail(data);
            if (thumbnail == null) {
                notes.add("The photo could not be read as a picture; it was left out.");
            }
            return thumbnail;
        }
        return null;
    }

    /**
     * A JPEG at most {@value #PHOTO_SIDE} pixels a side; a small JPEG already that size is kept
     * byte for byte (so an export imports back unchanged). Null if it is not a picture.
     */
    static byte[] thumbnail(byte[] data) {
        // In memory throughout: ImageIO's default streams would cache in temporary files.
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            BufferedImage source;
            try {
                reader.setInput(input, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if ((long) width * height > MAX_PHOTO_PIXELS) {
                    return null;
                }
                boolean jpeg = "jpeg".equalsIgnoreCase(reader.getFormatName());
                if (jpeg && width <= PHOTO_SIDE && height <= PHOTO_SIDE && data.length <= KEEP_PHOTO_AS_IS) {
                    return data;
                }
                // Decode only every n-th pixel: a small file can unpack into a huge picture, and the
                // thumbnail needs no more than about twice its own size.
                int step = Math.max(1, Math.min(width, height) / (2 * PHOTO_SIDE));
                ImageReadParam every = reader.getDefaultReadParam();
                every.setSourceSubsampling(step, step, 0, 0);
                source = reader.read(0, every);
            } finally {
                reader.dispose();
            }
            BufferedImage scaled = Thumbnails.of(source).size(PHOTO_SIDE, PHOTO_SIDE).asBufferedImage();
            // JPEG has no transparency: a transparent picture is put on white.
            BufferedImage opaque = new BufferedImage(scaled.getWidth(), scaled.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D graphics = opaque.createGraphics();
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, opaque.getWidth(), opaque.getHeight());
            graphics.drawImage(scaled, 0, 0, null);
            graphics.dispose();
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ImageOutputStream output = new MemoryCacheImageOutputStream(bytes)) {
                ImageWriteParam quality = writer.getDefaultWriteParam();
                quality.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                quality.setCompressionQuality(0.85f);
                writer.setOutput(output);
                writer.write(null, new IIOImage(opaque, null, null), quality);
            } finally {
                writer.dispose();
            }
            return bytes.toByteArray();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    // Writing

    static String write(List<WritableCard> cards, VCardVersion version) {
        List<VCard> vcards = new ArrayList<>();
        for (WritableCard card : cards) {
            vcards.add(toVCard(card, version));
        }
        return Ezvcard.write(vcards).version(version).prodId(false).go();
    }

    private static VCard toVCard(WritableCard writable, VCardVersion version) {
        Contact c = writable.card().contact();
        VCard card = new VCard();
        int[] group = {0};
        card.setUid(new Uid(c.uid()));
        card.setFormattedName(c.displayName());
        StructuredName n = new StructuredName();
        n.setFamily(emptyToNull(c.familyName()));
        n.setGiven(emptyToNull(c.givenName()));
        addWords(n.getAdditionalNames(), c.middleName());
        addWords(n.getPrefixes(), c.prefix());
        addWords(n.getSuffixes(), c.suffix());
        card.setStructuredName(n);
        if (!c.nickname().isEmpty()) {
            card.setNickname(c.nickname());
        }
        if (!c.organization().isEmpty()) {
            card.setOrganization(c.organization());
        }
        if (!c.title().isEmpty()) {
            card.addTitle(c.title());
        }
        if (c.birthday() != null) {
            card.setBirthday(c.birthday().startsWith("--") ? new Birthday(yearless(c.birthday()))
                    : new Birthday(LocalDate.parse(c.birthday())));
        }
        if (c.anniversary() != null) {
            if (version == VCardVersion.V4_0) {
                card.setAnniversary(c.anniversary().startsWith("--") ? new Anniversary(yearless(c.anniversary()))
                        : new Anniversary(LocalDate.parse(c.anniversary())));
            } else {
                card.addExtendedProperty("X-ANNIVERSARY", c.anniversary());
            }
        }
        for (ContactDetail email : writable.card().emails()) {
            Email property = new Email(email.detailValue());
            switch (email.type()) {
                case ContactTypes.HOME -> property.getTypes().add(EmailType.HOME);
                case ContactTypes.WORK -> property.getTypes().add(EmailType.WORK);
                case ContactTypes.OTHER -> { }
                default -> label(card, property, email.type(), email.label(), group);
            }
            card.addEmail(property);
        }
        for (ContactDetail phone : writable.card().phones()) {
            Telephone property = new Telephone(phone.detailValue());
            switch (phone.type()) {
                case ContactTypes.HOME -> property.getTypes().add(TelephoneType.HOME);
                case ContactTypes.WORK -> property.getTypes().add(TelephoneType.WORK);
                case ContactTypes.MOBILE -> property.getTypes().add(TelephoneType.CELL);
                case ContactTypes.OTHER -> { }
                default -> label(card, property, phone.type(), phone.label(), group);
            }
            card.addTelephoneNumber(property);
        }
        for (ContactAddress address : writable.card().addresses()) {
            Address property = new Address();
            for (String line : address.street().split("\n")) {
                if (!line.isBlank()) {
                    property.getStreetAddresses().add(line);
                }
            }
            property.setLocality(emptyToNull(address.locality()));
            property.setRegion(emptyToNull(address.region()));
            property.setPostalCode(emptyToNull(address.postalCode()));
            property.setCountry(emptyToNull(address.country()));
            switch (address.type()) {
                case ContactTypes.HOME -> property.getTypes().add(AddressType.HOME);
                case ContactTypes.WORK -> property.getTypes().add(AddressType.WORK);
                case ContactTypes.OTHER -> { }
                default -> label(card, property, address.type(), address.label(), group);
            }
            card.addAddress(property);
        }
        for (ContactDetail url : writable.card().urls()) {
            Url property = new Url(url.detailValue());
            switch (url.type()) {
                case ContactTypes.HOME, ContactTypes.WORK -> property.setType(url.type());
                case ContactTypes.OTHER -> { }
                default -> label(card, property, url.type(), url.label(), group);
            }
            card.addUrl(property);
        }
        if (!c.notes().isEmpty()) {
            card.addNote(c.notes());
        }
        List<String> categories = new ArrayList<>(c.tagList());
        if (c.favourite()) {
            // The same marker Google uses, which the reader above turns back into a favourite.
            categories.add("starred");
        }
        if (!categories.isEmpty()) {
            card.setCategories(categories.toArray(String[]::new));
        }
        if (writable.photo() != null) {
            card.addPhoto(new Photo(writable.photo(), ImageType.JPEG));
        }
        return card;
    }

    /** A custom (or mobile email) label, the way Apple and Google write it: {@code itemN.X-ABLabel}. */
    private static void label(VCard card, VCardProperty property, String type, String label, int[] group) {
        String name = "item" + (++group[0]);
        property.setGroup(name);
        RawProperty raw = card.addExtendedProperty("X-ABLabel", ContactTypes.describe(type, label));
        raw.setGroup(name);
    }

    private static PartialDate yearless(String iso) {
        return PartialDate.builder()
                .month(Integer.parseInt(iso.substring(2, 4)))
                .date(Integer.parseInt(iso.substring(5, 7)))
                .build();
    }

    private static void addWords(List<String> target, String words) {
        if (words != null && !words.isBlank()) {
            target.add(words.strip());
        }
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    static String nz(String text) {
        return text == null ? "" : text;
    }
}
