/** Opening a URL in the person's browser: {@code BROWSER}, else the platform's opener, never through a shell. */
package dev.cliauth.core.browser;
