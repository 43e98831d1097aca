/** The current access token for a profile: the stored one while fresh, else a refreshed one. */
package dev.cliauth.core.flow.refresh;
