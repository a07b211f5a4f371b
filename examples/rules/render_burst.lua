-- Three seconds of a hot CPU means a render started: switch to the rendering profile.
function on_tick(vmi)
  if vmi.metrics.cpu.avg > 0.85 and vmi.metrics.cpu.last > 0.85 then
    return switch_profile("high-performance-rendering")
  end
end
