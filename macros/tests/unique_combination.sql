{#- No two rows share the values of `columns` (dbt_utils' unique_combination_of_columns, which
    cannot be installed here). Fails with each duplicated combination and how often it occurs. -#}
{% test unique_combination(model, columns) %}
    select {{ columns | join(', ') }}, count(*) as occurrences
    from {{ model }}
    group by {{ columns | join(', ') }}
    having count(*) > 1
{% endtest %}
