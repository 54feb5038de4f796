{#- SEK per inhabitant from an amount in tkr; null without a population. -#}
{% macro per_capita_sek(amount_tkr, population) -%}
    cast(case when {{ population }} > 0 then {{ amount_tkr }} * 1000 / {{ population }} end as decimal(18, 2))
{%- endmacro %}

{#- Growth as a ratio (0.05 is 5 %) against a base amount; null when the base is zero or null. -#}
{% macro growth(amount, base) -%}
    cast(case when {{ base }} <> 0 then {{ amount }} / {{ base }} - 1 end as decimal(18, 4))
{%- endmacro %}
