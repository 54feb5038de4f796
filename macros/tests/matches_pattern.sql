{#- Every non-null value of the column matches the regular expression `pattern` in full (a
    kommunkod is 4 digits). Fails with the offending rows. -#}
{% test matches_pattern(model, column_name, pattern) %}
    select *
    from {{ model }}
    where {{ column_name }} is not null
        and not regexp_full_match(cast({{ column_name }} as varchar), '{{ pattern }}')
{% endtest %}
