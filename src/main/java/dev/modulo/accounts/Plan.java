package dev.modulo.accounts;

import java.math.BigDecimal;
import java.util.List;

import org.springframework.util.unit.DataSize;

/**
 * A subscription plan, as configured under {@code modulo.accounts.plans}.
 *
 * @param id           stable identifier stored with each account
 * @param name         shown to people
 * @param monthlyPrice price per month in {@link AccountsProperties#currency()}
 * @param storageQuota bytes of images and attachments the account may keep
 * @param features     what the plan includes, one line each
 */
public record Plan(String id, String name, BigDecimal monthlyPrice, DataSize storageQuota, List<String> features) {

    public Plan {
        features = features == null ? List.of() : List.copyOf(features);
    }
}
