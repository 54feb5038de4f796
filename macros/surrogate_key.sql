{#- A stable key from several columns (md5 of their text joined by '|'), like dbt_utils's
    generate_surrogate_key, which cannot be installed here (no dbt hub). -#}
{% macro surrogate_key(columns) -%}
    md5(
    {%- for col in columns %}
        coalesce(cast({{ col }} as varchar), '∅'){% if not loop.last %} || '|' ||{% endif %}
    {%- endfor %}
    )
{%- endmacro %}
