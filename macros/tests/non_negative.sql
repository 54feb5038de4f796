{#- The column is never negative (a tolerance, a count). Fails with the offending rows. -#}
{% test non_negative(model, column_name) %}
    select *
    from {{ model }}
    where {{ column_name }} < 0
{% endtest %}
