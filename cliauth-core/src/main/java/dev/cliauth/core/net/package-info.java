/** The network people actually have: proxies from the environment and extra trusted CAs for TLS-intercepting networks. */
package dev.cliauth.core.net;
