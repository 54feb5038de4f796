{#- Amounts in explanations, written the way the documents write them: "30 164 tkr",
    "419,9 mnkr", "−0,9 mnkr". `unit` is 'tkr' or 'mnkr' (anything else is shown in tkr). -#}
{% macro fmt_amount(tkr, unit) -%}
    (case
        when {{ tkr }} is null then 'nothing'
        when {{ unit }} = 'mnkr'
            then translate(format('{:,.1f}', cast({{ tkr }} as double) / 1000), ',.', ' ,') || ' mnkr'
        when round({{ tkr }}, 0) = {{ tkr }}
            then translate(format('{:,.0f}', cast({{ tkr }} as double)), ',.', ' ,') || ' tkr'
        else translate(format('{:,.1f}', cast({{ tkr }} as double)), ',.', ' ,') || ' tkr'
    end)
{%- endmacro %}

{#- "table 'Driftsammandrag', line 349 'Summa nämndens internbudget'" -#}
{% macro fmt_place(table_title, source_line, line_label) -%}
    ('''' || {{ line_label }} || ''' in ' || {{ table_title }}
        || coalesce(' (line ' || cast({{ source_line }} as varchar) || ')', ''))
{%- endmacro %}

{#- A printed figure agrees with what it is compared with when rounding of the printed figures
    (tolerance, in tkr) explains the difference. -#}
{% macro within_rounding(reported, computed, tolerance) -%}
    (abs({{ reported }} - {{ computed }}) <= {{ tolerance }})
{%- endmacro %}

{#- A check's status: `pass` within rounding, `fail` beyond it, `warn` where nothing could be
    computed to compare the figure with. -#}
{% macro check_status(reported, computed, tolerance) -%}
    (case
        when {{ computed }} is null then 'warn'
        when {{ within_rounding(reported, computed, tolerance) }} then 'pass'
        else 'fail'
    end)
{%- endmacro %}

{#- How a check ends: "." where the figures agree, else the difference and whether rounding
    explains it: ", a difference of 0,1 mnkr that rounding explains (at most 0,2 mnkr)." -#}
{% macro fmt_outcome(reported, computed, tolerance, unit) -%}
    (case
        when {{ reported }} = {{ computed }} then '.'
        else ', a difference of ' || {{ fmt_amount(reported ~ ' - ' ~ computed, unit) }}
            || case
                when {{ within_rounding(reported, computed, tolerance) }} then ' that rounding explains (at most '
                else ' where rounding explains at most '
            end
            || {{ fmt_amount(tolerance, unit) }}
            || case when {{ within_rounding(reported, computed, tolerance) }} then ').' else '.' end
    end)
{%- endmacro %}

{#- "1 part", "6 parts" -#}
{% macro fmt_count(n, noun) -%}
    (cast({{ n }} as varchar) || ' {{ noun }}' || case when {{ n }} = 1 then '' else 's' end)
{%- endmacro %}

{#- The columns every check row shares, from a cell (document_id … scenario, amount_tkr,
    row_id, column_index, source_line, cell_id) and what it is compared with: the figures, their
    difference, the tolerance and the status (warn where nothing could be computed). -#}
{% macro check_figures(computed='computed_tkr', tolerance='tolerance_tkr') -%}
        document_id,
        table_title,
        line_label,
        fiscal_year,
        scenario,
        amount_tkr as reported_tkr,
        {{ computed }} as computed_tkr,
        amount_tkr - {{ computed }} as difference_tkr,
        coalesce({{ tolerance }}, 0) as tolerance_tkr,
        {{ check_status('amount_tkr', computed, tolerance) }} as status,
        row_id,
        column_index,
        source_line,
        cell_id as checked_cell_id
{%- endmacro %}
