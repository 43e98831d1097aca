/**
 * What standards leave to each big provider (Entra ID, Okta, Auth0, Google, GitHub, WorkOS): presets that fill in
 * what discovery cannot, the provider-specific request habits, and messages a person can act on for their errors.
 */
package dev.cliauth.core.provider;
