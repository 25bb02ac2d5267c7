/**
 * Small helpers every package may use, as it uses the core ({@code message/}): no feature, no infrastructure.
 */
package dev.crosspost.util;
