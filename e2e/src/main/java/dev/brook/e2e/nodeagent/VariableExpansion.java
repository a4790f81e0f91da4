package dev.brook.e2e.nodeagent;

import java.util.List;
import java.util.Map;

/**
 * The kubelet's {@code $(VAR_NAME)} expansion in env values, command and args: a reference to a
 * defined variable is replaced, an undefined one is left as written, and {@code $$} escapes a
 * dollar.
 */
final class VariableExpansion {

  private VariableExpansion() {}

  static List<String> expandAll(List<String> values, Map<String, String> variables) {
    return values.stream().map(value -> expand(value, variables)).toList();
  }

  static String expand(String value, Map<String, String> variables) {
    if (value == null || value.indexOf('$') < 0) {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length());
    int i = 0;
    while (i < value.length()) {
      char c = value.charAt(i);
      if (c != '$' || i + 1 == value.length()) {
        out.append(c);
        i++;
      } else if (value.charAt(i + 1) == '$') {
        out.append('$');
        i += 2;
      } else if (value.charAt(i + 1) == '(') {
        int close = value.indexOf(')', i + 2);
        if (close < 0) {
          out.append(value, i, value.length());
          break;
        }
        String name = value.substring(i + 2, close);
        String replacement = variables.get(name);
        out.append(replacement != null ? replacement : value.substring(i, close + 1));
        i = close + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }
}
