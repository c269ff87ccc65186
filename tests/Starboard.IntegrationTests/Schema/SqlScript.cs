using System.Text;

namespace Starboard.IntegrationTests.Schema;

/// <summary>
/// Splits a DDL script into statements at semicolons outside quotes and comments, so each statement can be
/// applied on its own and a failure names the statement. Knows '…' (with '' and backslash escapes), "…", `…` and
/// -- comments: what the published DDL contains.
/// </summary>
public static class SqlScript
{
    public static IReadOnlyList<string> Statements(string script, bool backslashEscapes)
    {
        var statements = new List<string>();
        var current = new StringBuilder();
        char? quote = null;
        for (var i = 0; i < script.Length; i++)
        {
            var c = script[i];
            if (quote is null && c == '-' && i + 1 < script.Length && script[i + 1] == '-')
            {
                while (i < script.Length && script[i] != '\n') i++;
                current.Append('\n');
                continue;
            }
            current.Append(c);
            if (quote is not null)
            {
                if (c == '\\' && backslashEscapes && quote == '\'' && i + 1 < script.Length)
                    current.Append(script[++i]);
                else if (c == quote && i + 1 < script.Length && script[i + 1] == quote)
                    current.Append(script[++i]);
                else if (c == quote)
                    quote = null;
            }
            else if (c is '\'' or '"' or '`')
                quote = c;
            else if (c == ';')
            {
                var text = current.ToString().Trim().TrimEnd(';').Trim();
                if (text.Length > 0) statements.Add(text);
                current.Clear();
            }
        }
        if (current.ToString().Trim().Length > 0)
            statements.Add(current.ToString().Trim());
        return statements;
    }
}
