package dev.modulo.contacts;

import java.util.List;
import java.util.stream.Stream;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A postal address of a contact. */
@Table
public record ContactAddress(
        @Id Long id,
        long accountId,
        long contactId,
        String type,
        String label,
        String street,
        String locality,
        String region,
        String postalCode,
        String country,
        int position) {

    public String typeName() {
        return ContactTypes.describe(type, label);
    }

    /** The address as lines to print. */
    public List<String> lines() {
        String town = Stream.of(postalCode, locality, region).filter(part -> !part.isBlank())
                .reduce((a, b) -> a + " " + b).orElse("");
        return Stream.concat(Stream.of(street.split("\n")), Stream.of(town, country))
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .toList();
    }
}
