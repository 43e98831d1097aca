/** The use cases: one package per way of getting tokens, plus what they share with the person at the terminal. */
package dev.cliauth.core.flow;
