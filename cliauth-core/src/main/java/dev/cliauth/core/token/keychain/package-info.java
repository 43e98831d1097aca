/**
 * Sessions in the operating system's keychain (Secret Service, macOS Keychain, Windows Credential Manager): the
 * {@link dev.cliauth.core.token.keychain.Keychain} seam, its java-keyring implementation, and the probe that decides
 * whether a keychain really answers here.
 */
package dev.cliauth.core.token.keychain;
