package dev.modulo.accounts.web;

import dev.modulo.accounts.SignupRequest;

/**
 * The sign-up form as posted. {@code website} is a honeypot: hidden from people, filled in by
 * bots that fill in everything.
 */
record SignupForm(String username, String email, String password, String planId, String timeZone,
        String phoneRegion, String website) {

    static SignupForm forPlan(String planId) {
        return new SignupForm("", "", "", planId, "", "", "");
    }

    boolean isBot() {
        return website != null && !website.isBlank();
    }

    SignupRequest toRequest(String fallbackRegion) {
        String region = phoneRegion == null || phoneRegion.isBlank() ? fallbackRegion : phoneRegion;
        return new SignupRequest(username, email, password, planId, timeZone, region);
    }

    /** What the form shows again after a mistake: everything typed except the password. */
    SignupForm withoutPassword() {
        return new SignupForm(username, email, "", planId, timeZone, phoneRegion, "");
    }
}
