/**
 * The chat bot's {@code !commands} ({@code !help}, {@code !last}, {@code !fortune}, {@code !subscribe}, ...): one
 * {@link dev.crosspost.bot.BotCommand} bean per command, answered through the XMPP adapter's
 * {@link dev.crosspost.xmpp.ChatCommands}. The one feature allowed to use other features, through their declared
 * contracts ({@link dev.crosspost.util.Contract}); no feature depends on it.
 */
package dev.crosspost.bot;
