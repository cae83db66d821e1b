from search_app.query import ParsedQuery, Unit, parse_query


def test_plain_words_are_one_required_run():
    assert parse_query("cải cách hành chính") == ParsedQuery(groups=[[Unit("cải cách hành chính")]])


def test_phrases_exclusions_and_or():
    assert parse_query('"chính phủ số" -covid -"kinh tế" TTHC OR "thủ tục"') == ParsedQuery(
        groups=[[Unit("chính phủ số", phrase=True)], [Unit("TTHC"), Unit("thủ tục", phrase=True)]],
        excluded=[Unit("covid"), Unit("kinh tế", phrase=True)],
    )


def test_unbalanced_quote_is_repaired_with_a_notice():
    assert parse_query('"cải cách hành') == ParsedQuery(
        groups=[[Unit("cải cách hành", phrase=True)]], notices=["unbalanced_quote"]
    )


def test_stray_operators_are_dropped_with_a_notice():
    assert parse_query("OR cải cách OR") == ParsedQuery(
        groups=[[Unit("cải cách")]], notices=["stray_operator"]
    )
    assert parse_query('- "" --- ()') == ParsedQuery()


def test_empty_query_is_empty():
    assert parse_query("   ").is_empty
    assert parse_query(None).is_empty
