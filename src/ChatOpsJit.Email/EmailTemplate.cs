using System.Net;
using System.Text;
using ChatOpsJit.Core.Notifications;

namespace ChatOpsJit.Email;

/// <summary>Renders a chat card as an email: a subject, a plain-text body and an HTML body with every value encoded.</summary>
public static class EmailTemplate
{
    public static (string Subject, string Text, string Html) Render(ChatCard card)
    {
        var subject = "[ChatOpsJit] " + OneLine(card.Title);
        var text = new StringBuilder();
        text.AppendLine(card.Title).AppendLine();
        if (card.Text.Length > 0)
        {
            text.AppendLine(card.Text).AppendLine();
        }

        foreach (var field in card.Fields)
        {
            text.Append(field.Label).Append(": ").AppendLine(field.Value);
        }

        if (card.Code is { } code)
        {
            text.AppendLine().AppendLine(code);
        }

        if (card.Footer is { } footer)
        {
            text.AppendLine().AppendLine(footer);
        }

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><body style=\"font-family:system-ui,sans-serif;color:#1d1c1d\">");
        html.Append("<h2 style=\"margin:0 0 12px\">").Append(Encode(card.Title)).Append("</h2>");
        if (card.Text.Length > 0)
        {
            html.Append("<p>").Append(Encode(card.Text)).Append("</p>");
        }

        if (card.Fields.Count > 0)
        {
            html.Append("<table style=\"border-collapse:collapse\">");
            foreach (var field in card.Fields)
            {
                html.Append("<tr><th style=\"text-align:left;padding:2px 12px 2px 0;vertical-align:top\">").Append(Encode(field.Label))
                    .Append("</th><td style=\"padding:2px 0\">").Append(Encode(field.Value)).Append("</td></tr>");
            }

            html.Append("</table>");
        }

        if (card.Code is { } snippet)
        {
            html.Append("<pre style=\"background:#f4f4f4;padding:8px;border-radius:4px\">").Append(Encode(snippet)).Append("</pre>");
        }

        if (card.Footer is { } note)
        {
            html.Append("<p style=\"color:#616061;font-size:12px\">").Append(Encode(note)).Append("</p>");
        }

        html.Append("</body></html>");
        return (subject, text.ToString(), html.ToString());
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);

    // A header must not carry a line break, or user text could inject headers.
    private static string OneLine(string value) => value.ReplaceLineEndings(" ");
}
