"""Reading and writing the files in content/, in one stable format.

The writer decides every detail of layout (key order comes from the dicts it is given;
identifiers are written bare, text in double quotes, multi-line text as literal blocks,
short lists on one line), so exporting what was imported gives the same bytes, and
`git diff` after an export shows only what changed in the admin.
"""

import re

import frontmatter
import yaml

IDENTIFIER = re.compile(r"^(?:[a-z0-9_-]*[a-z][a-z0-9_-]*|S\d+)$")


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow=False, indentless=False):
        # Indent list items under their key, as people write YAML by hand.
        return super().increase_indent(flow, False)


def _represent_str(dumper, text):
    if "\n" in text:
        style = "|"
    elif IDENTIFIER.match(text):
        style = None  # bare, unless YAML would read it as something else
    else:
        style = '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


class _Quoted(str):
    pass


def _represent_list(dumper, items):
    flow = all(isinstance(item, (str, int)) and "\n" not in str(item) for item in items)
    if flow and not all(isinstance(item, str) and IDENTIFIER.match(item) for item in items):
        # A one-line list is quoted throughout unless every item is an identifier.
        items = [_Quoted(item) if isinstance(item, str) else item for item in items]
    return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=flow)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(_Quoted, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"'))
_Dumper.add_representer(list, _represent_list)


def dump_yaml(data):
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10**6,
                     default_flow_style=False)


def load_yaml(path):
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def dump_markdown(meta, body):
    """A markdown file with YAML front matter, as python-frontmatter reads it."""
    return f"---\n{dump_yaml(meta)}---\n{body}"


def load_markdown(path):
    post = frontmatter.load(path)
    return post.metadata, post.content.strip() + "\n"
