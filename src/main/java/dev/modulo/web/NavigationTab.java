package dev.modulo.web;

/**
 * A module's tab in the app shell. A module that exists contributes one bean of this type; a
 * module that does not exist yet has no tab.
 *
 * @param label what the tab says
 * @param path  where it leads, e.g. {@code /contacts}; a request under it marks the tab active
 * @param order position from the left (lower first)
 */
public record NavigationTab(String label, String path, int order) {
}
