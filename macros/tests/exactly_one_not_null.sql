{#- Exactly one of `columns` holds a value on every row (a row is one kind of thing or another,
    never both or neither: rpt_municipality_comparison's committee_type and standard_line). Fails
    with each row that breaks it. -#}
{% test exactly_one_not_null(model, columns) %}
    select *
    from {{ model }}
    where ({% for column in columns %}(case when {{ column }} is not null then 1 else 0 end){{ ' + ' if not loop.last }}{% endfor %}) <> 1
{% endtest %}
