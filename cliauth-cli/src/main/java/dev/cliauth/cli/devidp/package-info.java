/**
 * The dev IdP: a local Keycloak, with two ready-made realms, that cliauth downloads, starts and stops
 * itself so that {@code cliauth demo} and the end-to-end tests have a real OpenID provider without any setup.
 */
package dev.cliauth.cli.devidp;
