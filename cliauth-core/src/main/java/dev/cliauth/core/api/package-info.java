/**
 * The library's public API for Java command-line programs: {@link dev.cliauth.core.api.CliAuth} signs the person at
 * the terminal in and gives a valid access token — cached, refreshed, or from an interactive login the environment
 * and the administrator's policy choose — in one call.
 *
 * <pre>{@code
 * CliAuth auth = CliAuth.builder()
 *         .issuer(URI.create("https://id.example.com/realms/acme"))
 *         .clientId("acme-cli")
 *         .profile("acme")
 *         .build();
 * String token = auth.accessToken();   // signs in on first use; later calls are served from the keychain
 * }</pre>
 *
 * <p>Besides this package, the API is the types it hands out or takes: {@link dev.cliauth.core.token.Session} and
 * {@link dev.cliauth.core.token.TokenSet} (what a session holds), {@link dev.cliauth.core.token.TokenStore} (where
 * sessions live, to bring your own), {@link dev.cliauth.core.flow.Terminal} (where messages for the person go),
 * {@link dev.cliauth.core.browser.BrowserLauncher} (how the sign-in page is opened),
 * {@link dev.cliauth.core.flow.LineSource} (where a pasted redirect is read from), and
 * {@link dev.cliauth.core.CliauthException} with its {@link dev.cliauth.core.Failure}, the one typed error: every
 * failure is one of those kinds, with a one-line message a person can act on and never a secret in it.
 */
package dev.cliauth.core.api;
