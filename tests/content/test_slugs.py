from mythos_site.content.slugs import is_plain, slugify, tag_slug


def test_slugify_makes_plain_lower_case_names():
    assert slugify("Claude Mythos") == "claude-mythos"
    assert slugify("  GPT-5.3-Codex ") == "gpt-5-3-codex"
    assert slugify("Café Crème") == "cafe-creme"
    assert slugify("../../etc/passwd") == "etc-passwd"


def test_slugify_keeps_other_scripts_whole():
    assert slugify("한국어 뉴스") == "한국어-뉴스"
    assert slugify("हिन्दी समाचार") == "हिन्दी-समाचार"


def test_plain_names_exclude_paths_dots_spaces_and_reserved_names():
    assert is_plain("claude-mythos")
    for bad in ("", "..", "../x", "/etc", "a b", "A-B", "a.b", "con", "nul", "-a", "a_b"):
        assert not is_plain(bad), bad


def test_tags_that_differ_only_by_a_symbol_get_their_own_pages():
    slugs = [tag_slug(name) for name in ("C", "C++", "C#", "F#", "Google+")]
    assert slugs == ["c", "c-plus-plus", "c-sharp", "f-sharp", "google-plus"]
    assert tag_slug("#MeToo") == "metoo" and tag_slug("AI + Security") == "ai-security"
