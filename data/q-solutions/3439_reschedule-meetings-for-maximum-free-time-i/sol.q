/ 3439 Reschedule Meetings for Maximum Free Time I: best sum of k+1 consecutive gaps
solve:{[eventTime;k;startTime;endTime]
  n:count startTime;
  g:(first startTime),((1_startTime)-(n-1)#endTime),eventTime-last endTime;
  w:(k+1)&count g;                  / with k >= n every gap joins one free block
  p:0,sums g;
  max (w _ p)-neg[w]_p}
